"""The hearing pages in Debian's Chromium: the list, an open hearing, the response form (also
with an error), the report and the staff pages, in Danish and Swedish, at phone and desktop
width, with no WCAG 2.1 A/AA violation that axe-core finds and no sideways scrolling; and a
refused response keeps what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from medborger.core.demo import load_foundation
from medborger.hearings.demo import CLOSED_TITLE, OPEN_TITLE, load_hearings
from medborger.hearings.models import Hearing, HearingResponse
from tests.browser.conftest import format_violations, run_axe

LANGUAGES = ["da", "sv"]
WIDTHS = [320, 1280]


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    context = load_foundation()
    load_hearings(context)
    closed = Hearing.objects.get(title=CLOSED_TITLE)
    return {
        "open": Hearing.objects.get(title=OPEN_TITLE),
        "closed": closed,
        "response": closed.responses.order_by("pk").first(),
        "official": context.staff["case_officer"],
        "resident": context.residents[40],
    }


def _signed_in(new_context: Any, live_server: Any, user: Any, language: str) -> Any:
    client = Client()
    client.force_login(user)
    context = new_context(language, bypass_csp=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def _check(tab: Any, where: str, failures: list[str]) -> None:
    overflow = tab.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        failures.append(f"{where}: scrolls sideways by {overflow}px")
    violations = run_axe(tab)
    if violations:
        failures.append(format_violations(where, violations))


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_hearing_pages_have_no_axe_violations(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    open_, closed = site["open"], site["closed"]
    pages = [
        (None, "/hoeringer/"),
        (None, f"/hoeringer/{open_.pk}/"),
        (None, f"/hoeringer/{closed.pk}/"),
        (None, f"/hoeringer/{open_.pk}/notat/"),
        (None, f"/hoeringer/{closed.pk}/notat/"),
        ("resident", f"/hoeringer/{open_.pk}/svar/"),
        ("official", "/hoeringer/personale/"),
        ("official", f"/hoeringer/personale/{closed.pk}/"),
        ("official", f"/hoeringer/personale/svar/{site['response'].pk}/"),
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
            _check(tab, where, failures)
        # The response form with an error: sent empty.
        tab = tabs["resident"]
        tab.set_viewport_size({"width": width, "height": 900})
        tab.goto(f"/hoeringer/{open_.pk}/svar/")
        with tab.expect_navigation() as navigation:
            tab.click("#send-response")
        assert navigation.value is not None and navigation.value.status == 400
        _check(tab, f"response form with an error [{language}, {width}px]", failures)
    assert not failures, "\n\n".join(failures)


@pytest.mark.browser
def test_a_wrong_file_is_refused_and_the_text_kept(
    site: dict[str, Any], new_context: Any, live_server: Any, tmp_path: Any
) -> None:
    open_ = site["open"]
    bad = tmp_path / "indsigelse.pdf"
    bad.write_bytes(b"MZ this is not a pdf")
    page = _signed_in(new_context, live_server, site["resident"], "da").new_page()
    page.goto(f"/hoeringer/{open_.pk}/svar/")
    page.fill("#id_comment", "Husene må ikke tage udsigten fra Strandstræde.")
    page.set_input_files("#id_attachments", str(bad))
    with page.expect_navigation() as navigation:
        page.click("#send-response")
    assert navigation.value is not None and navigation.value.status == 400
    assert "indsigelse.pdf" in page.inner_text("main")
    assert page.input_value("#id_comment") == "Husene må ikke tage udsigten fra Strandstræde."
    page.set_input_files("#id_attachments", [])
    page.click("#send-response")
    page.wait_for_url(f"**/hoeringer/{open_.pk}/#mine")
    assert HearingResponse.objects.filter(
        hearing=open_, comment="Husene må ikke tage udsigten fra Strandstræde."
    ).exists()
