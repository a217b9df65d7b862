"""The fast-track pages in Debian's Chromium: every page of the demo pool, in every language, at
phone and desktop width, signed in as a resident and as the case officer, with no WCAG 2.1 A/AA
violation that axe-core finds and no sideways scrolling; and a refused application keeps what
was typed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from medborger.core.demo import load_foundation
from medborger.fasttrack.demo import load_fasttrack
from medborger.fasttrack.models import Application, FastTrackPool
from tests.browser.conftest import format_violations, run_axe

LANGUAGES = ["da", "sv", "en"]
WIDTHS = [320, 1280]


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    context = load_foundation()
    load_fasttrack(context)
    return {
        "pool": FastTrackPool.objects.get(),
        "reported": Application.objects.get(state="reported"),
        "submitted": Application.objects.filter(state="submitted").order_by("pk").first(),
        "approved": Application.objects.get(state="approved"),
        "official": context.staff["case_officer"],
        "resident": context.residents[40],
    }


def _signed_in(new_context: Any, live_server: Any, user: Any, language: str) -> Any:
    """A browser context with the user's session (force_login stands in for the sign-in)."""
    client = Client()
    client.force_login(user)
    context = new_context(language, bypass_csp=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_fasttrack_pages_have_no_axe_violations(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    pool = site["pool"]
    pages = [
        (None, "/hurtigpuljen/"),
        (None, f"/hurtigpuljen/{pool.pk}/"),
        (None, f"/hurtigpuljen/ansoegning/{site['reported'].pk}/"),
        ("resident", f"/hurtigpuljen/{pool.pk}/ansoeg/"),
        ("resident", "/hurtigpuljen/mine/"),
        ("official", "/hurtigpuljen/personale/"),
        ("official", f"/hurtigpuljen/personale/{site['submitted'].pk}/"),
        ("official", f"/hurtigpuljen/personale/{site['approved'].pk}/"),
    ]
    tabs = {
        None: new_context(language, bypass_csp=True).new_page(),
        "resident": _signed_in(new_context, live_server, site["resident"], language).new_page(),
        "official": _signed_in(new_context, live_server, site["official"], language).new_page(),
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
def test_an_application_over_the_cap_is_refused_and_the_text_kept(
    site: dict[str, Any], new_context: Any, live_server: Any
) -> None:
    pool = site["pool"]
    page = _signed_in(new_context, live_server, site["resident"], "en").new_page()
    page.goto(f"/hurtigpuljen/{pool.pk}/ansoeg/")
    page.fill("#id_title", "Koncert på torvet")
    page.fill("#id_description", "Tre lokale bands spiller gratis for alle på torvet.")
    page.fill("#id_activity_date", "2099-06-20")
    page.fill("#id_place", "Torvet i Lyngholt")
    page.fill("#id_amount", "30000")
    page.fill("#id_responsible_name", "Mads Musik")
    page.fill("#id_responsible_phone", "20 30 40 50")
    with page.expect_navigation() as navigation:
        page.click("#send-application")
    assert navigation.value is not None and navigation.value.status == 400
    assert "You can apply for at most 25.000 kr per project." in page.inner_text("main")
    assert page.input_value("#id_description") == (
        "Tre lokale bands spiller gratis for alle på torvet."
    )
    assert page.input_value("#id_amount") == "30000"
    violations = run_axe(page)
    assert not violations, format_violations("refused application", violations)
    page.fill("#id_amount", "20000")
    page.click("#send-application")
    page.wait_for_url("**/hurtigpuljen/ansoegning/*/")
    assert Application.objects.filter(title="Koncert på torvet", state="submitted").exists()
