"""The statements of an online vote, written out in SQL instead of built by the ORM.

A vote is the one write that must keep up a rate: 200 ballots a second on the 2-core server of
issue 7 (bench/http.py). Through the ORM a vote spent about half its CPU building SQL for its
queries; these statements are fixed strings with parameters, for PostgreSQL and SQLite alike.
docs/decisions/0004-vote-statements-in-sql.md says why, and tests/budgeting/test_ballot_box.py
checks each function against the ORM's answer for the same rows.

What stays with the ORM: everything outside the vote, the refusals' texts, and changing a vote
(rare, and it locks the register row)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, cast

from django.db import connection
from django.db.models import Field, Model

from medborger.budgeting.models import Ballot, BudgetProcess, BudgetProject, Pool, VoterRegister
from medborger.core import fixed_sql
from medborger.domain.lifecycle.proposals import Person

# A project on the ballot as the sheet needs it: id, pool id, title, cost.
ProjectRow = tuple[int, int, str, int]


@dataclass(frozen=True)
class Voter:
    """A verified resident as the vote needs them: the eligibility facts and the two keys."""

    person: Person
    person_key: str
    match_key: str | None

    @property
    def home_areas(self) -> frozenset[int]:
        return self.person.area_and_ancestors


# The identity's row once per area from its home area up to the top (the recursive part walks
# parent ids; UNION, not UNION ALL, so even a mistaken loop in the area tree ends).
_VOTER = """
WITH RECURSIVE up(id) AS (
    SELECT residence_area_id FROM accounts_identity
    WHERE user_id = %s AND residence_area_id IS NOT NULL
    UNION
    SELECT area.parent_id FROM places_area area JOIN up ON area.id = up.id
    WHERE area.parent_id IS NOT NULL
)
SELECT identity.person_key, identity.match_key, identity.assurance_level, identity.birth_year,
       identity.residence_municipality_id, up.id
FROM accounts_identity identity LEFT JOIN up ON 1 = 1
WHERE identity.user_id = %s
"""


def voter(user_id: int) -> Voter | None:
    """The user's verified identity with their home area and every area above it; None when
    they have none."""
    with fixed_sql.cursor(connection) as cursor:
        cursor.execute(_VOTER, [user_id, user_id])
        rows = cursor.fetchall()
    if not rows:
        return None
    key, match, level, birth_year, municipality_id, _area = rows[0]
    person = Person(
        verified=True,
        assurance_level=level,
        birth_year=birth_year,
        municipality_id=municipality_id,
        area_and_ancestors=frozenset(row[5] for row in rows if row[5] is not None),
    )
    return Voter(person=person, person_key=key, match_key=match)


_POOL_FIELDS = ("id", "process_id", "name", "amount", "area_id")
_POOLS = "SELECT id, process_id, name, amount, area_id FROM budgeting_pool WHERE process_id = %s ORDER BY id"
# The statuses on the ballot (BudgetProject.ON_BALLOT) are parameters; a test checks there are 3.
_PROJECTS = (
    "SELECT id, pool_id, title, cost FROM budgeting_budgetproject "
    "WHERE process_id = %s AND status IN (%s, %s, %s) ORDER BY id"
)


def sheet_rows(process_id: int) -> tuple[list[Pool], list[ProjectRow]]:
    """The process's pools (as model objects: the sheet and its sentences use them) and the
    projects on the ballot as rows."""
    with fixed_sql.cursor(connection) as cursor:
        cursor.execute(_POOLS, [process_id])
        pools = [Pool.from_db(connection.alias, _POOL_FIELDS, row) for row in cursor.fetchall()]
        cursor.execute(_PROJECTS, [process_id, *(str(s) for s in BudgetProject.ON_BALLOT)])
        projects = [(int(a), int(b), str(c), int(d)) for a, b, c, d in cursor.fetchall()]
    return pools, projects


def _process(where: str, params: list[Any], municipality: Any) -> BudgetProcess | None:
    process = fixed_sql.instance(connection, BudgetProcess, where, params)
    if process is None:
        return None
    if municipality is not None and municipality.pk == process.municipality_id:
        # The request's municipality, already read: the process needs its age and eID level.
        process.municipality = municipality
    return process


def process_in(municipality: Any, process_id: int) -> BudgetProcess | None:
    """The process of this municipality (None for another municipality's), with the
    municipality object attached."""
    return _process("id = %s AND municipality_id = %s", [process_id, municipality.pk], municipality)


def locked_process(process_id: int, municipality: Any = None) -> BudgetProcess:
    """The process row, read again under a lock held until the transaction ends: every append
    to a process's log waits here, so positions run without gaps. (SQLite locks the whole
    database at the first write instead; it has no row locks.) Pass the municipality when it
    is already read."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    process = _process("id = %s" + lock, [process_id], municipality)
    if process is None:
        raise BudgetProcess.DoesNotExist(process_id)
    return process


@cache
def _insert_plan(
    model: type[Model], names: tuple[str, ...], suffix: str
) -> tuple[str, list[Field[Any, Any]]]:
    """The INSERT statement for these fields of the model, and the fields (made once per shape)."""
    fields = [model._meta.get_field(name) for name in names]
    assert all(isinstance(f, Field) for f in fields), names
    concrete = [cast(Field[Any, Any], f) for f in fields]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in concrete)
    marks = ", ".join(["%s"] * len(concrete))
    table = quote(model._meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES ({marks}){suffix}", concrete  # noqa: S608 - names from the model's own fields


def _insert(model: type[Model], values: Mapping[str, Any], suffix: str = "") -> int:
    """Insert one row; the values go through each field's own conversion for this database
    (dates, JSON, UUIDs), as the ORM would. Returns the number of rows written."""
    statement, fields = _insert_plan(model, tuple(values), suffix)
    params = [
        f.get_db_prep_save(v, connection) for f, v in zip(fields, values.values(), strict=True)
    ]
    with fixed_sql.cursor(connection) as cursor:
        cursor.execute(statement, params)
        return int(cursor.rowcount)


def register(
    *,
    process_id: int,
    person_key: str,
    match_key: str | None,
    channel: str,
    day: date,
    receipt_mac: str,
    row_id: Any,
) -> bool:
    """Put the voter in the register; False when they are already there (the same person key,
    or the same name-and-birth-date key on paper). No savepoint is needed for that answer."""
    written = _insert(
        VoterRegister,
        {
            "id": row_id,
            "process": process_id,
            "person_key": person_key,
            "match_key": match_key,
            "channel": channel,
            "first_voted_on": day,
            "last_changed_on": day,
            "current_receipt_mac": receipt_mac,
        },
        suffix=" ON CONFLICT DO NOTHING",
    )
    return written == 1


_HEAD = (
    "SELECT position, entry_hash FROM budgeting_ballot WHERE process_id = %s "
    "ORDER BY position DESC LIMIT 1"
)


def head(process_id: int) -> tuple[int, str] | None:
    """The log's last position and entry hash; None for an empty log."""
    with fixed_sql.cursor(connection) as cursor:
        cursor.execute(_HEAD, [process_id])
        row = cursor.fetchone()
    return None if row is None else (int(row[0]), str(row[1]))


def append(ballot: Ballot) -> None:
    """Write the ballot as it is (position and hash already set by the caller, who holds the
    process lock)."""
    _insert(
        Ballot,
        {
            "process": ballot.process_id,
            "position": ballot.position,
            "receipt_code": ballot.receipt_code,
            "choice": ballot.choice,
            "channel": ballot.channel,
            "replaces_receipt": ballot.replaces_receipt,
            "superseded": ballot.superseded,
            "entry_hash": ballot.entry_hash,
            "cast_at": ballot.cast_at,
        },
    )
