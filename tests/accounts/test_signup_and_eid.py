import re

import pytest
from django.core import mail
from django.test import RequestFactory

from medborger.accounts.adapters import EidAccountAdapter, assertion_from_claims
from medborger.accounts.models import User
from medborger.domain.identity import InvalidNationalId
from tests.factories import EidProviderFactory

pytestmark = pytest.mark.django_db


def test_sign_up_sends_a_verification_mail_and_the_link_confirms(municipality, client_for):
    client = client_for(municipality, language="en")
    response = client.post(
        "/accounts/signup/",
        {
            "name": "Ida Holm",
            "email": "ida@example.org",
            "password1": "lang-og-sikker-42",
            "password2": "lang-og-sikker-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="ida@example.org")
    assert user.name == "Ida Holm"
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split(user_host(municipality), 1)[1]
    assert client.post(path).status_code == 302
    assert user.emailaddress_set.get().verified


def user_host(municipality):
    return municipality.host_list()[0]


def test_sign_up_errors_keep_what_was_typed(municipality, client_for):
    response = client_for(municipality, language="da").post(
        "/accounts/signup/",
        {"name": "Ida Holm", "email": "ikke-en-adresse", "password1": "x", "password2": "y"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Ida Holm"' in html and 'value="ikke-en-adresse"' in html
    assert not User.objects.filter(name="Ida Holm").exists()


@pytest.fixture
def mitid(municipality):
    return EidProviderFactory(municipality=municipality, slug="mitid-test")


def test_claims_become_an_assertion_without_keeping_the_number(mitid):
    assertion = assertion_from_claims(mitid, {"sub": "x", "dk.cpr": "010190-1234"})
    assert assertion.subject == "0101901234"
    assert assertion.birth_date.year == 1990
    assert assertion.residence_municipality == mitid.municipality


def test_claims_without_a_valid_number_are_refused(mitid):
    with pytest.raises(InvalidNationalId):
        assertion_from_claims(mitid, {"sub": "x", "dk.cpr": "12"})


def test_swedish_broker_uses_the_personnummer(other_municipality):
    bankid = EidProviderFactory(
        municipality=other_municipality,
        slug="bankid-test",
        name="BankID",
        national_id_claim="personalIdentityNumber",
        scheme="se-pnr",
    )
    assertion = assertion_from_claims(bankid, {"personalIdentityNumber": "198112189876"})
    assert assertion.birth_date.isoformat() == "1981-12-18"


def test_each_municipality_sees_only_its_own_brokers(mitid, other_municipality):
    request = RequestFactory().get("/")
    request.municipality = mitid.municipality
    apps = EidAccountAdapter().list_apps(request, provider="openid_connect")
    assert [a.provider_id for a in apps] == ["mitid-test"]
    assert apps[0].settings["server_url"] == "https://broker.example/"
    request.municipality = other_municipality
    assert EidAccountAdapter().list_apps(request, provider="openid_connect") == []


def test_disabled_broker_is_not_offered(mitid):
    mitid.enabled = False
    mitid.save()
    request = RequestFactory().get("/")
    request.municipality = mitid.municipality
    assert EidAccountAdapter().list_apps(request) == []
