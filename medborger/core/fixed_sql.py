"""Cursors for the fixed SQL statements on the hot paths (the vote, the session, the roles).

A fixed statement is the same SQL text every time, with the values as parameters. On PostgreSQL
such a statement is worth preparing: the server parses and plans it once per connection, and
psycopg sends only the values, bound by the server instead of quoted into the text by Python.
Measured on the vote (1,000 ballots in one process, bench/http.py's database): about a third
less CPU in PostgreSQL and a tenth or more less in Python; docs/decisions/0005-prepared-statements.md.

The ORM keeps Django's default, client-side binding without prepared statements: Django turns
them off so that connection poolers in transaction mode keep working. psycopg prepares only on
server-binding cursors, so the threshold set here changes nothing for the ORM's cursors.
MEDBORGER_PREPARED_STATEMENTS = False (the environment variable of the same name set to 0)
turns preparing off, for a pooler that cannot carry prepared statements (PgBouncer before 1.21,
or without max_prepared_statements)."""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models import Field, Model

M = TypeVar("M", bound=Model)

# Prepare at the first execution: only the fixed statements run on these cursors.
_PREPARE_AT_ONCE = 0


def cursor(connection: BaseDatabaseWrapper) -> CursorWrapper:
    """A cursor for fixed statements; use it as Django's (``with fixed_sql.cursor(c) as cur``).

    On PostgreSQL with psycopg 3 its statements are bound by the server and prepared once per
    connection; elsewhere (SQLite) it is the usual cursor. Queries are logged and counted as on
    any Django cursor (assertNumQueries, the debug toolbar)."""
    wrapper = connection.cursor()
    if connection.vendor != "postgresql" or not settings.MEDBORGER_PREPARED_STATEMENTS:
        return wrapper
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    if not is_psycopg3:
        return wrapper
    raw: Any = connection.connection
    if raw.prepare_threshold is None:  # Django's default for every new connection
        raw.prepare_threshold = _PREPARE_AT_ONCE
    wrapper.cursor.close()  # Django's client-side cursor, unused
    wrapper.cursor = _prepared_cursor_class()(raw)
    return wrapper


@cache
def _prepared_cursor_class() -> type[Any]:
    from django.db.backends.postgresql.base import ServerBindingCursor  # type: ignore[attr-defined]  # defined only with psycopg 3

    class PreparedCursor(ServerBindingCursor):  # type: ignore[misc]
        """Django's server-binding cursor that also keeps a prepared statement's text where
        psycopg keeps an unprepared one's (``_query``): Django's query log reads it there."""

        def _send_query_prepared(self, name: bytes, pgq: Any, **kwargs: Any) -> None:
            super()._send_query_prepared(name, pgq, **kwargs)
            self._query = pgq

    return PreparedCursor


@cache
def _select_plan(
    model: type[Model], alias: str
) -> tuple[str, list[str], list[tuple[Any, list[Any]]]]:
    """SELECT of every column of the model, the field names in that order, and each column's
    converters from the database's value to Python's (SQLite's text dates, JSON), worked out once
    per model and database: what the ORM works out again for every query."""
    connection = connections[alias]
    fields = [cast(Field[Any, Any], f) for f in model._meta.concrete_fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    statement = f"SELECT {columns} FROM {quote(model._meta.db_table)} WHERE "  # noqa: S608 - the model's own names
    converters = [
        (
            f.cached_col,
            connection.ops.get_db_converters(f.cached_col) + f.get_db_converters(connection),  # type: ignore[attr-defined]  # Django has it; the stubs do not
        )
        for f in fields
    ]
    return statement, [f.attname for f in fields], converters


def instance(
    connection: BaseDatabaseWrapper, model: type[M], where: str, params: list[Any]
) -> M | None:
    """The row of the model that ``where`` finds (a fixed condition with %s parameters, which may
    end in FOR UPDATE), loaded as the ORM loads it; None when there is none."""
    statement, names, converters = _select_plan(model, connection.alias)
    with cursor(connection) as fixed:
        fixed.execute(statement + where, params)
        row = fixed.fetchone()
    if row is None:
        return None
    values = []
    for value, (column, functions) in zip(row, converters, strict=True):
        for function in functions:
            value = function(value, column, connection)
        values.append(value)
    return model.from_db(connection.alias, names, values)
