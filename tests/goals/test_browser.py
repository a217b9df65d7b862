"""The goal pages in Debian's Chromium: dashboard (with every chart opened), goal pages, the
carbon budget, the printable promises page, the staff import page (empty and with a refused
file) and the one-figure page (empty and with a value that needs confirmation), in Danish and
Swedish at phone and desktop width, with no WCAG 2.1 A/AA violation that
axe-core finds and no sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from medborger.core.demo import load_foundation
from medborger.goals.demo import load_goals
from medborger.goals.models import CarbonBudget, Goal, Indicator
from tests.browser.conftest import format_violations, run_axe

LANGUAGES = ["da", "sv"]
WIDTHS = [320, 1280]
OPEN_DETAILS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    context = load_foundation()
    load_goals(context)
    return {
        "goals": list(Goal.objects.order_by("pk")),
        "budget": CarbonBudget.objects.get(),
        "official": context.staff["case_officer"],
        "area": context.areas["bakkely"],
        "indicator": Indicator.objects.filter(plausible_max__isnull=False).order_by("pk")[0],
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
    tab.evaluate(OPEN_DETAILS)
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
def test_goal_pages_have_no_axe_violations(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    pages = [
        (None, "/maal/"),
        (None, f"/maal/?area={site['area'].pk}"),
        *[(None, f"/maal/{goal.pk}/") for goal in site["goals"]],
        (None, f"/maal/co2-budget/{site['budget'].pk}/"),
        (None, "/maal/loefter/"),
        ("official", "/maal/personale/import/"),
        ("official", f"/maal/{site['goals'][0].pk}/"),
        ("official", f"/maal/personale/indikator/{site['indicator'].pk}/maaling/"),
    ]
    tabs = {
        None: new_context(language, bypass_csp=True).new_page(),
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
            _check(tab, where, language, failures)
        tab = tabs["official"]
        tab.goto("/maal/personale/import/")
        tab.set_input_files(
            "#id_file",
            files=[
                {
                    "name": "maalinger.csv",
                    "mimeType": "text/csv",
                    "buffer": "indicator;area;date;value;source\nUkendt;Ingen;i går;x;\n".encode(),
                }
            ],
        )
        with tab.expect_navigation() as navigation:
            tab.click("#import-submit")
        assert navigation.value is not None and navigation.value.status == 400
        _check(tab, f"refused import [{language}, {width}px]", language, failures)
        tab.goto(f"/maal/personale/indikator/{site['indicator'].pk}/maaling/")
        tab.fill("#id_date", "2024-12-31")
        tab.fill("#id_value", "100000")
        tab.fill("#id_source", "Egen optælling")
        with tab.expect_navigation() as navigation:
            tab.click("form.mb-form button[type=submit]")
        assert navigation.value is not None and navigation.value.status == 400
        assert tab.input_value("#id_source") == "Egen optælling"
        _check(tab, f"figure needing confirmation [{language}, {width}px]", language, failures)
    assert not failures, "\n\n".join(failures)
