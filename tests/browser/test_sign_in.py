"""Signing in with the keyboard alone, the skip link, and what a failed sign-in shows."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from tests.factories import PASSWORD, MunicipalityFactory, UserFactory

MAX_TABS = 60


@pytest.fixture
def site(transactional_db) -> Any:
    """One municipality served on the live server's host names."""
    return MunicipalityFactory(
        slug="browserby", name="Browserby Kommune", hosts="localhost\n127.0.0.1"
    )


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {
                tag: el ? el.tagName.toLowerCase() : null,
                id: el ? el.id : null,
                href: el ? el.getAttribute("href") : null,
                type: el ? el.getAttribute("type") : null,
                text: el ? (el.innerText || "").trim() : "",
            };
        }"""
    )


def tab_until(page: Any, wanted: Any, what: str) -> dict[str, Any]:
    """Press Tab until the focused element matches; fail if it never comes."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        current = focused(page)
        if wanted(current):
            return current
        seen.append(
            current.get("id") or current.get("href") or current.get("text") or current["tag"]
        )
    raise AssertionError(f"{what} not reached with {MAX_TABS} Tab presses; focus went: {seen}")


def has_visible_focus(page: Any) -> bool:
    """WCAG 2.4.7: the focused element shows an outline or a ring."""
    return page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
            return outline || (s.boxShadow && s.boxShadow !== "none");
        }"""
    )


@pytest.mark.browser
def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(site, new_context) -> None:
    page = new_context("da").new_page()
    page.goto("/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["tag"] == "a" and first["href"] == "#main-content", first
    # Visible once focused (DKFDS slides it in with a short transition).
    page.wait_for_function(
        """() => {
            const r = document.activeElement.getBoundingClientRect();
            return r.left >= 0 && r.top >= 0 && r.width > 0 && r.bottom <= innerHeight;
        }""",
        timeout=2_000,
    )
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main-content"
    # The next Tab continues inside the main content, not back at the header.
    page.keyboard.press("Tab")
    inside_main = page.evaluate(
        "() => document.getElementById('main-content').contains(document.activeElement)"
    )
    assert inside_main


@pytest.mark.browser
def test_keyboard_only_sign_in(site, new_context) -> None:
    user = UserFactory(name="Kirsten Tastatur")
    page = new_context("en").new_page()
    page.goto("/")

    link = tab_until(page, lambda f: f["href"] == "/accounts/login/", "the Sign in link")
    assert link["text"] == "Sign in"
    assert has_visible_focus(page), "the focused Sign in link shows no focus indicator"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/accounts/login/")

    tab_until(page, lambda f: f["id"] == "id_login", "the email field")
    assert has_visible_focus(page), "the focused email field shows no focus indicator"
    page.keyboard.type(user.email)
    tab_until(page, lambda f: f["id"] == "id_password", "the password field")
    page.keyboard.type(PASSWORD)
    button = tab_until(page, lambda f: f["tag"] == "button" and f["type"] == "submit", "Sign In")
    assert button["text"] == "Sign In"
    with page.expect_navigation():
        page.keyboard.press("Enter")

    nav = page.locator("nav.mb-nav")
    assert nav.get_by_role("link", name="My profile").count() == 1, page.url
    assert nav.get_by_role("link", name="Sign in").count() == 0


@pytest.mark.browser
@pytest.mark.parametrize("language", ["da", "sv", "en"])
def test_failed_sign_in_says_why_in_the_page_language_and_keeps_the_email(
    site, new_context, language: str
) -> None:
    UserFactory(email="kendt@example.org")
    with translation.override(language):
        expected = translation.gettext(
            "The email address and/or password you specified are not correct."
        )
    if language != "en":
        assert expected != "The email address and/or password you specified are not correct."

    page = new_context(language).new_page()
    page.goto("/accounts/login/")
    page.locator("#id_login").press_sequentially("kendt@example.org")
    page.locator("#id_password").press_sequentially("not-the-password")
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")

    assert page.get_attribute("html", "lang") == language
    alert = page.locator("main [role=alert]")
    assert alert.count() == 1
    assert alert.inner_text().strip() == expected
    assert page.locator("#id_login").input_value() == "kendt@example.org"
    assert page.locator("#id_password").input_value() == ""
