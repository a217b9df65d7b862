"""medborger.core.fixed_sql: fixed statements are prepared once per PostgreSQL connection, give
the same rows as Django's own cursor, stay in Django's query log, and leave the ORM's queries
unprepared (Django keeps those unprepared for connection poolers)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from medborger.core import fixed_sql

pytestmark = pytest.mark.django_db

_STATEMENT = "SELECT session_key, session_data FROM django_session WHERE expire_date > %s ORDER BY session_key"

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


@pytest.fixture
def sessions(db):  # type: ignore[no-untyped-def]
    later = timezone.now() + timedelta(days=1)
    Session.objects.bulk_create(
        Session(
            session_key=f"fixedsql{n:024d}", session_data=f"data {n} 'æøå' %s", expire_date=later
        )
        for n in range(3)
    )


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [str(row[0]) for row in cursor.fetchall()]


def _run(statement: str, params: list[object]) -> list[tuple[object, ...]]:
    with fixed_sql.cursor(connection) as cursor:
        cursor.execute(statement, params)
        return list(cursor.fetchall())


def test_the_rows_are_those_of_djangos_own_cursor(sessions):
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_STATEMENT, [now])
        expected = list(cursor.fetchall())
    assert len(expected) == 3
    assert _run(_STATEMENT, [now]) == expected
    assert _run(_STATEMENT, [now]) == expected  # again, now from the prepared statement


def test_statements_stay_in_djangos_query_log(sessions):
    with CaptureQueriesContext(connection) as captured:
        _run(_STATEMENT, [timezone.now()])
        _run(_STATEMENT, [timezone.now()])
    logged = [q["sql"] for q in captured.captured_queries]
    assert len(logged) == 2
    assert all(sql and "FROM django_session" in sql for sql in logged)


@postgres_only
def test_a_fixed_statement_is_prepared_once_per_connection(sessions):
    for _ in range(3):
        _run(_STATEMENT, [timezone.now()])
    prepared = [s for s in _prepared_statements() if "FROM django_session WHERE expire_date" in s]
    assert len(prepared) == 1


@postgres_only
def test_the_orms_queries_are_not_prepared(sessions):
    _run(_STATEMENT, [timezone.now()])  # the connection now prepares fixed statements at once
    for _ in range(6):  # more than psycopg's usual threshold of 5
        assert Session.objects.filter(session_key__startswith="fixedsql").count() == 3
    assert not [s for s in _prepared_statements() if "COUNT(*)" in s.upper()]


@postgres_only
def test_the_setting_turns_preparing_off(sessions, settings):
    settings.MEDBORGER_PREPARED_STATEMENTS = False
    statement = _STATEMENT.replace("ORDER BY session_key", "ORDER BY session_key DESC")
    for _ in range(3):
        assert len(_run(statement, [timezone.now()])) == 3
    assert not [s for s in _prepared_statements() if "ORDER BY session_key DESC" in s]


@postgres_only
def test_a_failed_statement_leaves_the_next_transaction_working(sessions):
    from django.db import DatabaseError, transaction

    bad = "SELECT 1 / (COUNT(*) - COUNT(*)) FROM django_session WHERE session_key LIKE %s"
    for _ in range(2):
        with pytest.raises(DatabaseError), transaction.atomic():
            _run(bad, ["fixedsql%"])
    assert len(_run(_STATEMENT, [timezone.now()])) == 3
