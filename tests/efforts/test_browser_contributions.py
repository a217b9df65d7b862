"""What serves a goal, in Debian's Chromium: a funded budget project's page and an adopted
proposal's page with the goals they serve (for a visitor and for staff), the goal page, and the
staff page (with goals, after a refused duplicate, and the confirmation before removing), in
Danish and Swedish, at phone and desktop width, with no WCAG 2.1 A/AA violation that axe-core
finds and no sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from medborger.core.demo import load_foundation
from medborger.efforts import services
from medborger.goals.demo import load_goals
from medborger.goals.models import Goal
from tests.browser.conftest import format_violations, run_axe
from tests.efforts.conftest import NOW
from tests.efforts.test_contributions import make_project, make_proposal

LANGUAGES = ["da", "sv"]
WIDTHS = [320, 1280]


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    context = load_foundation()
    load_goals(context)
    officer = context.staff["case_officer"]
    project = make_project(context.municipality, title="Bogbytteskab i Kirkeby")
    proposal = make_proposal(context.municipality, title="Udeskole ved Bakkely Skole")
    goals = list(Goal.objects.filter(municipality=context.municipality).order_by("pk"))
    made = []
    for goal in goals[:2]:
        for target in (project, proposal):
            made.append(
                services.contribution_add(
                    actor=officer,
                    goal=goal,
                    target=target,
                    how="Flere børn læser og bevæger sig i fritiden.",
                    now=NOW,
                )
            )
    return {
        "officer": officer,
        "project": project,
        "proposal": proposal,
        "goal": goals[0],
        "declared": made[0],
    }


def _signed_in(new_context: Any, live_server: Any, user: Any, language: str) -> Any:
    client = Client()
    client.force_login(user)
    context = new_context(language, bypass_csp=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def _check(tab: Any, where: str, language: str, failures: list[str]) -> None:
    assert tab.get_attribute("html", "lang") == language, where
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
def test_contribution_pages_have_no_axe_violations(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    project, proposal = site["project"], site["proposal"]
    staff_page = f"/indsatser/tjener/projekt/{project.pk}/"
    pages = [
        (None, f"/borgerbudget/projekt/{project.pk}/"),
        (None, f"/forslag/{proposal.pk}/"),
        (None, f"/maal/{site['goal'].pk}/"),
        ("officer", f"/borgerbudget/projekt/{project.pk}/"),
        ("officer", staff_page),
        ("officer", f"/indsatser/tjener/forslag/{proposal.pk}/"),
        ("officer", f"{staff_page}fjern/{site['declared'].pk}/"),
    ]
    tabs = {
        None: new_context(language, bypass_csp=True).new_page(),
        "officer": _signed_in(new_context, live_server, site["officer"], language).new_page(),
    }
    failures: list[str] = []
    for width in WIDTHS:
        for who, path in pages:
            tab = tabs[who]
            tab.set_viewport_size({"width": width, "height": 900})
            where = f"{path} as {who or 'anonymous'} [{language}, {width}px]"
            response = tab.goto(path)
            assert response is not None and response.status == 200, where
            _check(tab, where, language, failures)
        # A refused duplicate: the form comes back (409) with the message and the typed text.
        tab = tabs["officer"]
        tab.goto(staff_page)
        tab.select_option("#id_goal", str(site["goal"].pk))
        tab.fill("#id_how", "Min egen tekst")
        with tab.expect_navigation():
            tab.click("#add-contribution")
        where = f"{staff_page} refused duplicate [{language}, {width}px]"
        assert tab.input_value("#id_how") == "Min egen tekst", where
        _check(tab, where, language, failures)
    assert not failures, "\n\n".join(failures)
