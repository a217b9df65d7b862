"""Read the whole database as text: every table, every column, every row.

The same code runs on SQLite and PostgreSQL: the table names come from Django's introspection
(so tables without a model, such as the cache table or ones left by packages, are read too),
and each row is read with a plain SELECT *. Values become text: bytes (PostgreSQL bytea comes
back as memoryview) are decoded leniently, JSON columns are read as the text the database
holds (with non-ASCII characters written out, so a name in a JSON column is found as it is
written elsewhere). Session data is signed and compressed, so it is decoded as well.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.contrib.sessions.backends.db import SessionStore
from django.db import connection


@dataclass(frozen=True)
class Cell:
    table: str
    column: str
    text: str

    def __str__(self) -> str:
        return f"{self.table}.{self.column}: {self.text[:200]!r}"


def _as_text(value: object) -> str | None:
    if value is None or isinstance(value, bool | int | float):
        return None if value is None else str(value)
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, dict | list):  # psycopg decodes json/jsonb columns
        return json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    if "\\u" in text:  # JSON stored with ASCII escapes (SQLite): read it as written
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def database_cells() -> Iterator[Cell]:
    """Every non-empty value in every table of the default database."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor, include_views=False))
        quote = connection.ops.quote_name
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - names from introspection
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = _as_text(value)
                    if text:
                        yield Cell(table, column, text)
                    if table == "django_session" and column == "session_data" and text:
                        decoded = json.dumps(
                            SessionStore().decode(text), ensure_ascii=False, default=str
                        )
                        yield Cell(table, "session_data (decoded)", decoded)


def database_tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor, include_views=False))
