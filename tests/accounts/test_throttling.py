import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_is_locked_after_repeated_failures(municipality, resident, client_for, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = client_for(municipality, language="en")
    for _ in range(3):
        client.post("/accounts/login/", {"login": resident.email, "password": "wrong"})
    locked = client.post("/accounts/login/", {"login": resident.email, "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()


def test_correct_password_signs_in(municipality, resident, client_for):
    response = client_for(municipality).post(
        "/accounts/login/", {"login": resident.email, "password": PASSWORD}
    )
    assert response.status_code == 302
