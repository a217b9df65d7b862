"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Never a downloaded browser: the executable is /usr/bin/chromium. pytest-django's live_server
serves static files through StaticFilesHandler (django.contrib.staticfiles is installed), so the
pages carry their real CSS and axe's colour-contrast rule sees what a visitor sees.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# in a thread with a running loop unless told it is safe (it is: the loop only drives the browser).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGE_COOKIE = "medborger_language"


# One Playwright driver and one Chromium for the whole run, however many conftest files import
# the fixtures below (tests/comments/conftest.py does): two sync_playwright() instances in one
# thread refuse to run ("Sync API inside the asyncio loop").
_shared: dict[str, Any] = {"users": 0}


def _acquire_browser() -> Browser:
    if _shared["users"] == 0:
        playwright = sync_playwright().start()
        try:
            _shared["browser"] = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
        except Exception:
            playwright.stop()
            raise
        _shared["playwright"] = playwright
    _shared["users"] += 1
    return _shared["browser"]


def _release_browser() -> None:
    _shared["users"] -= 1
    if _shared["users"] == 0:
        _shared.pop("browser").close()
        _shared.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make browser-deps installs Debian's chromium)")
    chromium = _acquire_browser()
    yield chromium
    _release_browser()


@pytest.fixture
def new_context(browser: Browser, live_server: Any) -> Iterator[Any]:
    """Make browser contexts for the live server, optionally with the language cookie set."""
    contexts: list[BrowserContext] = []

    def make(language: str | None = None, **options: Any) -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(15_000)
        if language:
            context.add_cookies(
                [{"name": LANGUAGE_COOKIE, "value": language, "url": live_server.url}]
            )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def run_axe(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the current page (WCAG 2.0/2.1 A and AA rules) and return its violations.

    The script is added as an inline tag, so the context must be made with bypass_csp=True: the
    site's Content-Security-Policy (rightly) refuses inline scripts without its nonce.
    """
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.map(n => n.target.join(" ")),
            }));
        }""",
        AXE_TAGS,
    )


def format_violations(where: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"{where}: {len(violations)} axe violation(s)"]
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        lines.extend(f"      {target}" for target in v["targets"][:10])
        if len(v["targets"]) > 10:
            lines.append(f"      … and {len(v['targets']) - 10} more")
    return "\n".join(lines)
