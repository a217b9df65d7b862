"""The co-creation pages in Debian's Chromium: every page of the demo group, in Danish and
Swedish, at phone and desktop width, as the public, a member and staff, with no WCAG 2.1 A/AA
violation that axe-core finds and no sideways scrolling; and a refused chair keeps the page
usable."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from medborger.cocreation.demo import load_cocreation
from medborger.cocreation.models import CoCreationGroup, GroupMeeting, Membership, Output
from medborger.core.demo import load_foundation
from tests.browser.conftest import format_violations, run_axe

LANGUAGES = ["da", "sv"]
WIDTHS = [320, 1280]


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    context = load_foundation()
    load_cocreation(context)
    group = CoCreationGroup.objects.get()
    return {
        "group": group,
        "output": Output.objects.get(),
        "meeting": GroupMeeting.objects.order_by("pk").first(),
        "member": Membership.objects.get(
            group=group, role="resident", user=context.residents[5]
        ).user,
        "secretary": context.staff["secretary"],
    }


def _signed_in(new_context: Any, live_server: Any, user: Any, language: str) -> Any:
    client = Client()
    client.force_login(user)
    context = new_context(language, bypass_csp=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_cocreation_pages_have_no_axe_violations(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    g, o, m = site["group"].pk, site["output"].pk, site["meeting"].pk
    pages = [
        (None, "/samskabelse/"),
        (None, f"/samskabelse/{g}/"),
        (None, f"/samskabelse/resultat/{o}/"),
        ("member", f"/samskabelse/{g}/"),
        ("member", f"/samskabelse/{g}/moeder/ny/"),
        ("member", f"/samskabelse/moede/{m}/noter/"),
        ("member", f"/samskabelse/{g}/opgaver/ny/"),
        ("member", f"/samskabelse/{g}/formand/"),
        ("member", f"/samskabelse/{g}/resultater/ny/"),
        ("member", f"/samskabelse/resultat/{o}/fremlagt/"),
        ("member", f"/samskabelse/resultat/{o}/sendt/"),
        ("staff", f"/samskabelse/resultat/{o}/afgoerelse/"),
    ]
    tabs = {
        None: new_context(language, bypass_csp=True).new_page(),
        "member": _signed_in(new_context, live_server, site["member"], language).new_page(),
        "staff": _signed_in(new_context, live_server, site["secretary"], language).new_page(),
    }
    failures: list[str] = []
    for width in WIDTHS:
        for who, path in pages:
            tab = tabs[who]
            tab.set_viewport_size({"width": width, "height": 900})
            where = f"{path} as {who or 'anonymous'} [{language}, {width}px]"
            response = tab.goto(path)
            assert response is not None and response.status == 200, where
            assert tab.get_attribute("html", "lang") == language, where
            overflow = tab.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                failures.append(f"{where}: scrolls sideways by {overflow}px")
            violations = run_axe(tab)
            if violations:
                failures.append(format_violations(where, violations))
    assert not failures, "\n\n".join(failures)


@pytest.mark.browser
def test_the_committee_chair_is_refused_with_a_message(
    site: dict[str, Any], new_context: Any, live_server: Any
) -> None:
    group = site["group"]
    peter = Membership.objects.get(group=group, display_name="Peter Munk")
    page = _signed_in(new_context, live_server, site["member"], "en").new_page()
    page.goto(f"/samskabelse/{group.pk}/formand/")
    page.select_option("#id_member", str(peter.pk))
    with page.expect_navigation() as navigation:
        page.click("#appoint-chair")
    assert navigation.value is not None and navigation.value.status == 400
    assert "may not chair this group" in page.inner_text("main")
    violations = run_axe(page)
    assert not violations, format_violations("refused chair", violations)
