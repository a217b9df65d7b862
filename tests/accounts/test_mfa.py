import pytest

from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

STAFF_ROLES = ["moderator", "case_officer", "committee_secretary", "politician", "municipal_admin"]


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_without_totp_must_set_it_up_first(role, municipality, client_for):
    user = grant(UserFactory(), role, municipality, with_totp=False)
    response = client_for(municipality, user).get("/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_with_totp_may_continue(role, municipality, client_for):
    user = grant(UserFactory(), role, municipality, with_totp=True)
    assert client_for(municipality, user).get("/").status_code == 200


def test_platform_admin_needs_totp_too(municipality, client_for):
    user = grant(UserFactory(), "platform_admin", None, with_totp=False)
    assert client_for(municipality, user).get("/").status_code == 302


def test_residents_do_not_need_totp(municipality, resident, client_for):
    assert client_for(municipality, resident).get("/").status_code == 200


def test_the_setup_page_itself_is_reachable(municipality, client_for):
    """The gate lets the user reach the setup (allauth may first ask to re-enter the password)."""
    user = grant(UserFactory(), "moderator", municipality, with_totp=False)
    response = client_for(municipality, user).get("/accounts/2fa/totp/activate/", follow=True)
    assert response.status_code == 200
    final_path = response.request["PATH_INFO"]
    assert final_path.startswith("/accounts/")
    assert "activate" in final_path or "reauthenticate" in final_path


def test_the_admin_sign_in_form_cannot_skip_the_totp_step(municipality, client_for):
    """The Django admin's own form took a password alone; everyone goes through allauth's
    sign-in (with its TOTP step) instead."""
    from tests.factories import PASSWORD

    user = grant(UserFactory(is_staff=True), "municipal_admin", municipality, with_totp=True)
    client = client_for(municipality)
    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert client.get("/personale/").status_code == 302  # still signed out
