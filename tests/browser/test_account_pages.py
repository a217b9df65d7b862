"""django-allauth's pages in Medborger's look: signed-in management pages, MFA set-up and the
password-reset flow, each checked with axe and for the DKFDS form markup."""

from __future__ import annotations

import time
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.browser.conftest import format_violations, run_axe
from tests.factories import PASSWORD, MunicipalityFactory, UserFactory


@pytest.fixture
def site(transactional_db) -> Any:
    return MunicipalityFactory(
        slug="browserby", name="Browserby Kommune", hosts="localhost\n127.0.0.1"
    )


def submit(page: Any, selector: str = "main form button[type=submit]") -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()


def sign_in(page: Any, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    submit(page)


def check(page: Any, failures: list[str], where: str) -> None:
    if page.get_attribute("html", "lang") != "en":
        failures.append(f"{where}: html lang is {page.get_attribute('html', 'lang')!r}")
    if page.locator("header.mb-header").count() != 1:
        failures.append(f"{where}: not inside Medborger's base layout")
    unlabelled = page.evaluate(
        """() => [...document.querySelectorAll(
                "main input:not([type=hidden]), main textarea, main select")]
            .filter(el => !(el.id && document.querySelector(`label[for="${el.id}"]`)))
            .map(el => el.outerHTML)"""
    )
    if unlabelled:
        failures.append(f"{where}: inputs without a <label for>: {unlabelled}")
    violations = run_axe(page)
    if violations:
        failures.append(format_violations(where, violations))


@pytest.mark.browser
def test_account_management_and_mfa_pages(site, new_context) -> None:
    user = UserFactory()
    page = new_context("en", bypass_csp=True).new_page()
    failures: list[str] = []

    sign_in(page, user.email)
    assert page.locator("nav.mb-nav").get_by_role("link", name="My profile").count() == 1

    page.goto("/accounts/email/")
    assert page.title().startswith("Email Addresses")
    assert page.locator("main fieldset legend").count() == 1
    assert page.locator("main .button.button-primary").count() >= 1
    check(page, failures, "/accounts/email/")

    page.goto("/accounts/password/change/")
    check(page, failures, "/accounts/password/change/")

    page.goto("/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:
        check(page, failures, "/accounts/reauthenticate/")
        page.fill("#id_password", PASSWORD)
        submit(page)
    assert "/2fa/totp/activate/" in page.url, page.url
    assert page.locator("main img.mb-qr").count() == 1
    secret = page.input_value("#authenticator_secret")
    assert secret and page.get_attribute("#authenticator_secret", "readonly") is not None
    check(page, failures, "/accounts/2fa/totp/activate/")

    page.fill("input[name=code]", "000000")
    submit(page)
    code_input = page.locator("input[name=code]")
    assert code_input.get_attribute("aria-invalid") == "true"
    described = code_input.get_attribute("aria-describedby") or ""
    error_id = next(i for i in described.split() if i.endswith("_error"))
    assert page.locator(f"#{error_id}.form-error-message").inner_text().strip()
    check(page, failures, "/accounts/2fa/totp/activate/ (wrong code)")

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.fill("input[name=code]", code)
    submit(page)
    page.goto("/accounts/2fa/recovery-codes/")
    assert page.locator("main textarea#recovery_codes").count() == 1
    check(page, failures, "/accounts/2fa/recovery-codes/")

    page.goto("/accounts/2fa/")
    check(page, failures, "/accounts/2fa/")

    page.goto("/accounts/logout/")
    check(page, failures, "/accounts/logout/")
    submit(page)

    # Signing in again now asks for the authenticator code.
    sign_in(page, user.email)
    assert "/2fa/authenticate/" in page.url, page.url
    check(page, failures, "/accounts/2fa/authenticate/")

    assert not failures, "\n\n".join(failures)


@pytest.mark.browser
def test_password_reset_and_signup_pages(site, new_context) -> None:
    user = UserFactory()
    page = new_context("en", bypass_csp=True).new_page()
    failures: list[str] = []

    page.goto("/accounts/password/reset/")
    page.fill("#id_email", user.email)
    submit(page)
    assert "/password/reset/done/" in page.url
    check(page, failures, "/accounts/password/reset/done/")

    page.goto("/accounts/password/reset/key/1-bad-key/")
    check(page, failures, "/accounts/password/reset/key/ (bad token)")

    page.goto("/accounts/signup/")
    assert page.locator("#id_name").count() == 1, "our SignupForm's name field is missing"
    page.fill("#id_email", "ny@example.org")
    page.fill("#id_name", "Ny Borger")
    page.fill("#id_password1", "short")
    page.fill("#id_password2", "short")
    submit(page)
    assert page.locator("#id_password1").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_email").input_value() == "ny@example.org"
    check(page, failures, "/accounts/signup/ (errors)")

    page.fill("#id_password1", "lange-ord-i-haven-42")
    page.fill("#id_password2", "lange-ord-i-haven-42")
    submit(page)
    assert "/confirm-email/" in page.url, page.url
    check(page, failures, "/accounts/confirm-email/")

    assert not failures, "\n\n".join(failures)
