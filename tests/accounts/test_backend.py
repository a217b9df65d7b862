"""medborger.accounts.backends: the signed-in user is read by one fixed statement, with exactly
the values the ORM gives, and an inactive or unknown user is nobody (as Django's ModelBackend)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from medborger.accounts.backends import AuthenticationBackend
from medborger.accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PATH = "medborger.accounts.backends.AuthenticationBackend"


def test_the_user_has_every_value_the_orm_gives():
    user = UserFactory(name="Åse Ørum-Læssøe", preferred_language="sv")
    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - timedelta(days=3))
    loaded = AuthenticationBackend().get_user(user.pk)
    expected = User.objects.get(pk=user.pk)
    assert isinstance(loaded, User)
    for field in User._meta.concrete_fields:
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
    assert loaded.last_login is not None and loaded.last_login.tzinfo is not None
    assert not loaded._state.adding and loaded._state.db == "default"
    loaded.name = "Åse Ørum"
    loaded.save(update_fields=["name"])  # an ordinary model object: it saves
    assert User.objects.get(pk=user.pk).name == "Åse Ørum"


def test_an_inactive_or_unknown_user_is_nobody():
    user = UserFactory()
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert AuthenticationBackend().get_user(user.pk) is None
    assert AuthenticationBackend().get_user(user.pk + 10_000) is None


def test_it_signs_users_in_and_a_request_reads_the_user_by_one_statement(client):
    assert PATH in settings.AUTHENTICATION_BACKENDS
    user = UserFactory()
    response = client.post(
        "/accounts/login/", {"login": user.email, "password": PASSWORD}, follow=False
    )
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == PATH
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/profil/")
    assert page.status_code == 200 and page.context["user"].pk == user.pk
    reads = [
        q["sql"]
        for q in captured.captured_queries
        if re.search(r'FROM "?accounts_user"?\s', q["sql"])
    ]
    assert len(reads) == 1 and '"email"' in reads[0]
