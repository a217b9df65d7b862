"""The volunteer pages in Debian's Chromium: every page of the demo Grønne Hold in Danish and
Swedish, at phone and desktop width, anonymous, as a volunteer, as a team contact and as the case
officer, with no WCAG 2.1 A/AA violation that axe-core finds and no sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from medborger.core.demo import load_foundation
from medborger.volunteering.demo import load_volunteering
from medborger.volunteering.models import Membership, Programme, Session, Team
from tests.browser.conftest import format_violations, run_axe
from tests.fasttrack.test_browser import _signed_in

LANGUAGES = ["da", "sv"]
WIDTHS = [320, 1280]


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    context = load_foundation()
    load_volunteering(context)
    team = Team.objects.get(area__slug="kirkeby")
    contact = Membership.objects.get(team=team, role="contact").user
    volunteer = Membership.objects.filter(team=team, role="volunteer").first().user
    return {
        "programme": Programme.objects.get(),
        "team": team,
        "session": Session.objects.filter(series__team=team).order_by("-starts_at").first(),
        "official": context.staff["case_officer"],
        "contact": contact,
        "volunteer": volunteer,
    }


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_volunteer_pages_have_no_axe_violations(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    team = site["team"]
    pages = [
        (None, "/frivillige/"),
        (None, f"/frivillige/{site['programme'].pk}/"),
        (None, f"/frivillige/hold/{team.pk}/"),
        ("volunteer", f"/frivillige/gang/{site['session'].pk}/"),
        ("volunteer", "/frivillige/mine/"),
        ("contact", f"/frivillige/gang/{site['session'].pk}/"),
        ("contact", f"/frivillige/hold/{team.pk}/timer/"),
        ("contact", f"/frivillige/hold/{team.pk}/ny-aktivitet/"),
        ("official", "/frivillige/personale/"),
        ("official", f"/frivillige/hold/{team.pk}/bidrag/"),
        ("official", "/frivillige/personale/boerneattest/"),
    ]
    tabs = {
        None: new_context(language, bypass_csp=True).new_page(),
        **{
            who: _signed_in(new_context, live_server, site[who], language).new_page()
            for who in ("volunteer", "contact", "official")
        },
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
