"""Django's database sessions, read by one fixed SELECT and saved by one UPDATE.

Every signed-in request reads its session, so the SELECT is written out instead of built by the
ORM each time. Django wraps every session save in a transaction (or a savepoint inside one), so
that a failed INSERT of a new session can be told apart. An update needs none of that: a missing
row is an UPDATE that changes nothing. The vote saves the receipt in the session inside the
ballot's transaction, while it holds the process lock, so the two statements saved there count
(docs/decisions/0004-vote-statements-in-sql.md). New sessions are saved as Django saves them."""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import connections, router
from django.utils import timezone

from medborger.core import fixed_sql

_SELECT = "SELECT session_data FROM django_session WHERE session_key = %s AND expire_date > %s"
_UPDATE = "UPDATE django_session SET session_data = %s, expire_date = %s WHERE session_key = %s"


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> AbstractBaseSession | None:
        """The session's row if it exists and has not expired (only its data is read: load()
        needs nothing else); otherwise None, and the key is dropped, as Django does."""
        connection = connections[router.db_for_read(self.model)]
        now = self.model._meta.get_field("expire_date").get_db_prep_value(
            timezone.now(), connection
        )
        with fixed_sql.cursor(connection) as cursor:
            cursor.execute(_SELECT, [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return self.model(session_key=str(self.session_key), session_data=row[0])

    def save(self, must_create: bool = False) -> None:
        if must_create or self.session_key is None:
            super().save(must_create=must_create)
            return
        row = self.create_model_instance(self._session)  # type: ignore[attr-defined]
        connection = connections[router.db_for_write(self.model, instance=row)]
        expires = self.model._meta.get_field("expire_date").get_db_prep_save(
            row.expire_date, connection
        )
        with fixed_sql.cursor(connection) as cursor:
            cursor.execute(_UPDATE, [row.session_data, expires, row.session_key])
            if cursor.rowcount != 1:  # the session was ended meanwhile (signed out elsewhere)
                raise UpdateError
