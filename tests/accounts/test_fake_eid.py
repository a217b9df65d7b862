"""The fake eID provider is impossible with DEBUG off: not routed, refused, and a failing check."""

import importlib

import pytest
from django.core.checks import run_checks
from django.test import override_settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

from medborger.accounts import fake_eid
from medborger.accounts.models import Identity
from medborger.accounts.views import fake_eid_view

pytestmark = pytest.mark.django_db


def _reload_urls() -> None:
    import config.urls
    import medborger.accounts.urls
    import tests.testapp.urls

    for module in (medborger.accounts.urls, config.urls, tests.testapp.urls):
        importlib.reload(module)
    clear_url_caches()


@pytest.fixture
def reload_urls():
    yield _reload_urls
    _reload_urls()


def test_system_check_refuses_fake_eid_without_debug():
    with override_settings(DEBUG=False, MEDBORGER_FAKE_EID=True):
        errors = [e for e in run_checks() if e.id == "medborger.E001"]
    assert errors, "the check must fail when the fake eID is on and DEBUG is off"
    with override_settings(DEBUG=True, MEDBORGER_FAKE_EID=True):
        assert not [e for e in run_checks() if e.id == "medborger.E001"]


def test_fake_eid_not_routed_with_debug_off(reload_urls):
    with override_settings(DEBUG=False, MEDBORGER_FAKE_EID=True):
        reload_urls()
        assert not fake_eid.enabled()
        with pytest.raises(NoReverseMatch):
            reverse("accounts:fake_eid")


def test_fake_eid_view_refuses_with_debug_off_even_if_called(rf, municipality, resident):
    request = rf.post("/profil/test-eid/", {"person": "anna"})
    request.user = resident
    request.municipality = municipality
    with (
        override_settings(DEBUG=False, MEDBORGER_FAKE_EID=True),
        pytest.raises(Exception) as raised,
    ):
        fake_eid_view(request)
    assert raised.type.__name__ == "Http404"
    assert not Identity.objects.filter(user=resident).exists()


def test_fake_eid_verifies_with_debug_on(reload_urls, municipality, resident, client_for):
    with override_settings(DEBUG=True, MEDBORGER_FAKE_EID=True):
        reload_urls()
        client = client_for(municipality, resident)
        assert client.get("/profil/test-eid/").status_code == 200
        response = client.post("/profil/test-eid/", {"person": "anna"})
        assert response.status_code == 302
    identity = Identity.objects.get(user=resident)
    assert identity.birth_year == 1985
    assert "1203851234" not in identity.person_key


def test_fake_eid_form_error_keeps_page(reload_urls, municipality, resident, client_for):
    with override_settings(DEBUG=True, MEDBORGER_FAKE_EID=True):
        reload_urls()
        response = client_for(municipality, resident, "en").post("/profil/test-eid/", {})
    assert response.status_code == 400
    assert "Choose a test person." in response.content.decode()


def test_anonymous_test_person_gets_an_account_and_is_signed_in(
    reload_urls, municipality, client_for
):
    with override_settings(DEBUG=True, MEDBORGER_FAKE_EID=True):
        reload_urls()
        client = client_for(municipality)
        response = client.post("/profil/test-eid/", {"person": "mads"})
        assert response.status_code == 302
        again = client_for(municipality).post("/profil/test-eid/", {"person": "mads"})
        assert again.status_code == 302
    identity = Identity.objects.get()
    assert identity.user.name == "Mads Østergaard" and identity.user.email is None
    assert not identity.user.has_usable_password()
