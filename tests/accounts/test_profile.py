import json

import pytest

from medborger.accounts.models import Identity, User
from tests.factories import AreaFactory, verify

pytestmark = pytest.mark.django_db


def test_profile_needs_sign_in(municipality, client_for):
    response = client_for(municipality).get("/profil/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_settings_are_saved_and_errors_keep_input(municipality, resident, client_for):
    client = client_for(municipality, resident, "en")
    bad = client.post("/profil/", {"name": "Ny Navn", "notification_frequency": "hourly"})
    assert bad.status_code == 400  # refused input is a 4xx (issue 7 fuzzing)
    assert 'value="Ny Navn"' in bad.content.decode()
    assert "Select a valid choice" in bad.content.decode()
    good = client.post(
        "/profil/",
        {"name": "Karen Blixen", "preferred_language": "sv", "notification_frequency": "daily"},
    )
    assert good.status_code == 302
    resident.refresh_from_db()
    assert (resident.name, resident.preferred_language, resident.notification_frequency) == (
        "Karen Blixen",
        "sv",
        "daily",
    )


def test_export_contains_everything_but_never_the_raw_id(municipality, resident, client_for):
    area = AreaFactory(municipality=municipality)
    verify(resident, area=area, national_id="0101901234")
    response = client_for(municipality, resident).get("/profil/data.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == resident.email
    assert data["identity"]["birth_year"] == 1980
    assert data["roles"][0]["role"] == "resident"
    assert "0101901234" not in response.content.decode()
    assert Identity.objects.get(user=resident).person_key not in response.content.decode()


def test_delete_needs_confirmation_and_keeps_nothing_personal(municipality, resident, client_for):
    verify(resident)
    client = client_for(municipality, resident, "en")
    refused = client.post("/profil/slet/", {})
    assert refused.status_code == 400 and "Tick the box to confirm." in refused.content.decode()
    assert User.objects.filter(pk=resident.pk).exists()
    done = client.post("/profil/slet/", {"confirm": "on"})
    assert done.status_code == 302
    assert not User.objects.filter(pk=resident.pk).exists()
    assert not Identity.objects.exists()
    assert client.get("/profil/").status_code == 302  # signed out


def test_one_person_one_account(municipality, client_for):
    from medborger.accounts.identity import IdentityError
    from tests.factories import UserFactory

    first, second = UserFactory(), UserFactory()
    verify(first, national_id="0101901234")
    with pytest.raises(IdentityError):
        verify(second, national_id="0101901234")
