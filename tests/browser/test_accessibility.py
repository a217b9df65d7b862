"""Every public page of the demo municipality, in every language, at phone and desktop width:
the right <html lang>, the real CSS loaded, and no WCAG 2.1 A/AA violation that axe-core finds.

Set MEDBORGER_SCREENSHOTS=/some/dir to keep a full-page screenshot of each page.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from medborger.core.demo import load_all
from tests.browser.conftest import format_violations, run_axe

LANGUAGES = ["da", "sv", "en"]
WIDTHS = [320, 1280]
PUBLIC_PAGES = [
    "/",
    "/hjaelp/",
    "/side/contact/",
    "/side/privacy/",
    "/side/accessibility/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
MISSING_PAGE = "/findes-ikke-her/"


def _css_is_applied(page: Any) -> bool:
    """DKFDS sets html { font-size: 62.5% } and medborger.css colours the header band."""
    return page.evaluate(
        """() => {
            const root = getComputedStyle(document.documentElement).fontSize;
            const band = document.querySelector(".mb-header-top");
            const bg = band ? getComputedStyle(band).backgroundColor : "";
            return root === "10px" && bg !== "" && bg !== "rgba(0, 0, 0, 0)";
        }"""
    )


@pytest.mark.browser
def test_public_pages_have_language_and_no_axe_violations(transactional_db, new_context) -> None:
    load_all()
    shots = os.environ.get("MEDBORGER_SCREENSHOTS")
    failures: list[str] = []
    checked = 0
    for language in LANGUAGES:
        context = new_context(language, bypass_csp=True)
        page = context.new_page()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for path in [*PUBLIC_PAGES, MISSING_PAGE]:
                where = f"{path} [{language}, {width}px]"
                response = page.goto(path)
                assert response is not None, where
                expected_status = 404 if path == MISSING_PAGE else 200
                if response.status != expected_status:
                    failures.append(f"{where}: HTTP {response.status}, expected {expected_status}")
                    continue
                lang = page.get_attribute("html", "lang")
                if lang != language:
                    failures.append(f"{where}: <html lang={lang!r}>, expected {language!r}")
                if not _css_is_applied(page):
                    failures.append(f"{where}: the stylesheets did not load")
                overflow = page.evaluate(
                    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
                )
                if overflow > 0:
                    failures.append(
                        f"{where}: scrolls sideways by {overflow}px (WCAG 1.4.10 reflow)"
                    )
                violations = run_axe(page)
                if violations:
                    failures.append(format_violations(where, violations))
                if shots:
                    name = path.strip("/").replace("/", "-") or "front"
                    Path(shots).mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=f"{shots}/{name}-{language}-{width}.png", full_page=True)
                checked += 1
    assert not failures, "\n\n".join(failures)
    assert checked == len(LANGUAGES) * len(WIDTHS) * (len(PUBLIC_PAGES) + 1)
