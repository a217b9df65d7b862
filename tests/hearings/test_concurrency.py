"""Two tabs sending the same person's first response at the same moment, on PostgreSQL: one
response in the end (the second amends the first), never an error page or a duplicate.

Run with DATABASE_URL=postgres://… ; SQLite serialises writers, so it proves nothing here."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from medborger.hearings import services
from medborger.hearings.models import HearingResponse
from tests.budgeting.test_concurrency import run_together
from tests.hearings.conftest import DURING

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): SQLite cannot run writers concurrently",
    ),
]


def test_simultaneous_responses_by_one_person_make_one(hearing: Any, citizen: Any) -> None:
    def work(index: int) -> Any:
        return services.response_submit(
            hearing=hearing,
            user=citizen,
            data=services.ResponseData(comment=f"Svar nummer {index}"),
            now=DURING,
        )

    results, errors = run_together(8, work)
    assert not errors, errors
    assert HearingResponse.objects.filter(hearing=hearing, author=citizen).count() == 1
    assert sum(1 for _response, created in results if created) == 1
