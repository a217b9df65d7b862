"""medborger.accounts.sessions: Django's database sessions, with an existing session saved by one
UPDATE (no savepoint). New sessions, ended sessions and key changes behave as Django's do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from medborger.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_new_session_is_created_and_an_existing_one_updated_by_one_statement():
    store = SessionStore()
    store["colour"] = "grøn"
    store.save()  # a new session: Django's own path
    key = store.session_key
    assert key and Session.objects.filter(session_key=key).exists()

    again = SessionStore(session_key=key)
    assert again["colour"] == "grøn"
    again["colour"] = "blå"
    again.set_expiry(3600)
    with CaptureQueriesContext(connection) as queries:
        again.save()
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    stored = SessionStore(session_key=key)
    assert stored["colour"] == "blå"
    assert stored.get_expiry_age() <= 3600
    left = Session.objects.get(session_key=key).expire_date - timezone.now()
    assert 3590 < left.total_seconds() <= 3600  # the new expiry, not the default two weeks


def test_saving_a_session_that_was_ended_meanwhile_raises_update_error():
    store = SessionStore()
    store["x"] = 1
    store.save()
    Session.objects.filter(session_key=store.session_key).delete()  # signed out in another tab
    store["x"] = 2
    with pytest.raises(UpdateError):
        store.save()
    assert not Session.objects.exists()


def test_cycling_the_key_makes_a_new_row_and_drops_the_old():
    store = SessionStore()
    store["x"] = 1
    store.save()
    old = store.session_key
    store.cycle_key()
    assert store.session_key != old
    assert list(Session.objects.values_list("session_key", flat=True)) == [store.session_key]
    assert SessionStore(session_key=store.session_key)["x"] == 1


def test_the_setting_uses_it(settings):
    assert settings.SESSION_ENGINE == "medborger.accounts.sessions"


def test_an_expired_or_unknown_session_reads_as_empty_and_drops_its_key():
    store = SessionStore()
    store["x"] = 1
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(session_key=store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None
    unknown = SessionStore(session_key="ukendt-noegle-0123456789")
    assert "x" not in unknown
    assert unknown.session_key is None


def test_a_session_is_read_by_one_statement():
    store = SessionStore()
    store["sprog"] = "da"
    store.save()
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore(session_key=store.session_key)["sprog"] == "da"
    assert len(queries.captured_queries) == 1
