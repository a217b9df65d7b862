"""The meeting pages in Debian's Chromium: every page of the demo meetings, in Danish, Swedish
and English, at phone and desktop width, as a visitor, a resident and the committee secretary,
with no WCAG 2.1 A/AA violation that axe-core finds and no sideways scrolling; and a full meeting
offers the waiting list."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from medborger.core.demo import load_foundation
from medborger.meetings.demo import load_meetings
from medborger.meetings.models import Meeting, MeetingKind
from medborger.proposals.demo import load_proposals
from tests.browser.conftest import format_violations, run_axe

LANGUAGES = ["da", "sv", "en"]
WIDTHS = [320, 1280]


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    context = load_foundation()
    load_proposals(context)
    load_meetings(context)
    return {
        "full": Meeting.objects.get(title__startswith="Borgermøde i Kirkeby"),
        "held": Meeting.objects.get(title="Borgermøde om ny skolestruktur"),
        "workshop": Meeting.objects.get(kind=MeetingKind.WORKSHOP),
        "plenum": Meeting.objects.get(title="Åbent plenum i byrådssalen"),
        "next_plenum": Meeting.objects.get(title__endswith="(næste gang)"),
        "secretary": context.staff["secretary"],
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


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_meeting_pages_have_no_axe_violations(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    pages = [
        (None, "/borgermoeder/"),
        (None, "/borgermoeder/?type=workshop"),
        (None, f"/borgermoeder/{site['held'].pk}/"),
        (None, f"/borgermoeder/{site['workshop'].pk}/"),
        (None, f"/borgermoeder/{site['plenum'].pk}/talerliste/"),
        (None, "/borgermoeder/aabent-plenum/"),
        ("resident", f"/borgermoeder/{site['full'].pk}/"),
        ("resident", "/borgermoeder/mine/"),
        ("resident", f"/borgermoeder/{site['next_plenum'].pk}/taletid/"),
        ("secretary", "/borgermoeder/personale/"),
        ("secretary", f"/borgermoeder/personale/{site['held'].pk}/"),
        ("secretary", f"/borgermoeder/personale/{site['full'].pk}/"),
        ("secretary", f"/borgermoeder/personale/{site['plenum'].pk}/talere/"),
        ("secretary", f"/borgermoeder/personale/{site['next_plenum'].pk}/talere/"),
    ]
    tabs = {
        None: new_context(language, bypass_csp=True).new_page(),
        "resident": _signed_in(new_context, live_server, site["resident"], language).new_page(),
        "secretary": _signed_in(new_context, live_server, site["secretary"], language).new_page(),
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
def test_full_meeting_offers_the_waiting_list(
    site: dict[str, Any], new_context: Any, live_server: Any
) -> None:
    full = site["full"]
    assert full.starts_at > timezone.now()
    page = _signed_in(new_context, live_server, site["resident"], "en").new_page()
    page.goto(f"/borgermoeder/{full.pk}/")
    assert "The meeting is full" in page.inner_text("main")
    page.click("#join-waiting-list")
    page.wait_for_url(f"**/borgermoeder/{full.pk}/")
    assert "number 4 on the waiting list" in page.inner_text("main")
    violations = run_axe(page)
    assert not violations, format_violations("waiting list", violations)
