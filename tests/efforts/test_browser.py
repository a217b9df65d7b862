"""The effort pages in Debian's Chromium: the list (also filtered, and with a refused filter), the
holistic plan and an effort with warnings, in Danish and Swedish, at phone and desktop width, with
no WCAG 2.1 A/AA violation that axe-core finds and no sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest

from medborger.core.demo import load_foundation
from medborger.efforts.demo import PLAN_TITLE, load_efforts
from medborger.efforts.models import Effort
from tests.browser.conftest import format_violations, run_axe

LANGUAGES = ["da", "sv"]
WIDTHS = [320, 1280]


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    context = load_foundation()
    load_efforts(context)
    return {
        "plan": Effort.objects.get(title=PLAN_TITLE),
        "warned": Effort.objects.get(title="Lektiehjælp på biblioteket i Engparken"),
        "lines": Effort.objects.get(title="Jobcafé og beskæftigelse"),
        "area": context.areas["engparken"],
    }


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_effort_pages_have_no_axe_violations(
    site: dict[str, Any], new_context: Any, language: str
) -> None:
    pages = [
        ("/indsatser/", 200),
        (f"/indsatser/?omraade={site['area'].pk}", 200),
        ("/indsatser/?omraade=abc", 400),
        (f"/indsatser/{site['plan'].pk}/", 200),
        (f"/indsatser/{site['warned'].pk}/", 200),
        (f"/indsatser/{site['lines'].pk}/", 200),
    ]
    tab = new_context(language, bypass_csp=True).new_page()
    failures: list[str] = []
    for width in WIDTHS:
        for path, status in pages:
            tab.set_viewport_size({"width": width, "height": 900})
            where = f"{path} [{language}, {width}px]"
            response = tab.goto(path)
            assert response is not None and response.status == status, where
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
