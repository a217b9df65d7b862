"""A real eID log-in goes through django-allauth, which stores what the broker answered
(SocialAccount.extra_data, and `sub` as the uid). The broker's answer holds the CPR number, the
name and the birth date; none of it may reach the database, only the keys made from them."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from medborger.accounts.adapters import EidAccountAdapter
from medborger.accounts.models import Identity
from medborger.domain.identity import person_key
from tests.factories import EidProviderFactory
from tests.privacy.dump import database_cells

pytestmark = pytest.mark.django_db

CPR = "0101901234"
NAME = "Klara Kravstiller"
BROKER_SUB = "a8f1c1b2-broker-subject"


@pytest.fixture
def mitid(municipality):  # type: ignore[no-untyped-def]
    return EidProviderFactory(municipality=municipality, slug="mitid-privacy")


def _request(municipality: Any) -> Any:
    request = RequestFactory().get("/accounts/oidc/mitid-privacy/login/callback/")
    request.municipality = municipality
    request.user = AnonymousUser()
    request.session = SessionStore()
    return request


def _log_in(municipality: Any, claims: dict[str, Any]) -> Any:
    """What allauth's OpenID Connect callback does with a verified answer from the broker."""
    request = _request(municipality)
    adapter = EidAccountAdapter(request)
    provider = adapter.get_provider(request, "mitid-privacy")
    login = provider.sociallogin_from_response(request, {"userinfo": claims, "id_token": claims})
    login.lookup()
    adapter.pre_social_login(request, login)
    if not login.is_existing:
        adapter.save_user(request, login)
    return login


def test_the_number_name_and_birth_date_are_never_stored(mitid, municipality):
    claims = {"sub": BROKER_SUB, "dk.cpr": "010190-1234", "name": NAME, "birthdate": "1990-01-01"}
    first = _log_in(municipality, claims)
    again = _log_in(municipality, claims)  # the returning person finds the same account

    key = person_key(settings.PERSON_KEY_PEPPER, "dk-cpr", CPR)
    account = SocialAccount.objects.get()
    assert again.is_existing and again.user.pk == first.user.pk == account.user_id
    assert account.uid == key
    assert Identity.objects.get().person_key == key
    assert Identity.objects.get().user_id == account.user_id
    assert set(account.extra_data) == {"medborger_keys"}
    cells = [c for c in database_cells() if c.table == "socialaccount_socialaccount"]
    assert cells
    for needle in (CPR, "010190-1234", BROKER_SUB, "1990-01-01", NAME):
        assert not [str(c) for c in cells if needle in c.text], needle
    # Across the whole database the raw number appears nowhere.
    assert not [str(c) for c in database_cells() if CPR in c.text.replace("-", "")]


def test_a_refused_answer_keeps_nothing_either(mitid, municipality):
    request = _request(municipality)
    adapter = EidAccountAdapter(request)
    provider = adapter.get_provider(request, "mitid-privacy")
    bad = {"sub": "0101901234", "dk.cpr": "12"}
    login = provider.sociallogin_from_response(request, {"userinfo": bad})
    assert login.account.extra_data == {} and "0101901234" not in login.account.uid
    login.lookup()
    with pytest.raises(PermissionDenied):
        adapter.pre_social_login(request, login)
    assert not SocialAccount.objects.exists()
