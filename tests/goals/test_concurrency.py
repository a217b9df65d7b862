"""The same file imported by several people at the same moment, on PostgreSQL: exactly one
import stores its rows, the others store nothing and say so; no row is stored twice.

Run with DATABASE_URL=postgres://… ; SQLite serialises writers, so it proves nothing here."""

from __future__ import annotations

import pytest
from django.db import connection

from medborger.goals import services
from medborger.goals.models import Measurement
from tests.budgeting.test_concurrency import run_together
from tests.goals.conftest import csv_bytes

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): SQLite cannot run writers concurrently",
    ),
]

PEOPLE = 8


def test_the_same_file_at_once_is_imported_once(municipality, officer, wellbeing, north) -> None:  # type: ignore[no-untyped-def]
    content = csv_bytes(
        "indicator;area;date;value;source",
        *[f"Trivsel;Nordby;2024-01-{day:02d};8{day % 10};Måling" for day in range(1, 29)],
        "Trivsel;;2024-02-01;81;Måling",
    )
    results, errors = run_together(
        PEOPLE,
        lambda i: (
            services.import_measurements(
                municipality=municipality, user=officer, name="data.csv", content=content
            ).imported
        ),
    )
    assert errors == []
    assert sorted(results) == [0] * (PEOPLE - 1) + [29]
    assert Measurement.objects.count() == 29
