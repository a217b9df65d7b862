"""The voter register's move to random ids and days keeps every row and shares no order with the
ballot box."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("budgeting", "0001_budgets_ballots_register")]
AFTER = [("budgeting", "0002_ideas_review_results_register")]


@pytest.mark.django_db(transaction=True)
def test_the_register_is_copied_with_random_ids_and_days() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    municipality_model = old_apps.get_model("places", "Municipality")
    process_model = old_apps.get_model("budgeting", "BudgetProcess")
    register = old_apps.get_model("budgeting", "VoterRegister")
    municipality = municipality_model.objects.create(
        name="Migreringby", slug="migreringby", hosts="migrering.test"
    )
    process = process_model.objects.create(
        municipality=municipality,
        title="Gammel",
        slug="gammel",
        voting_opens=datetime(2025, 1, 1, tzinfo=UTC),
        voting_closes=datetime(2025, 2, 1, tzinfo=UTC),
    )
    for k in range(20):
        register.objects.create(
            process=process,
            person_key=f"p{k:02d}",
            match_key=None,
            channel="online",
            first_voted_at=datetime(2025, 1, 2, 10, k, tzinfo=UTC),
            last_changed_at=datetime(2025, 1, 3, 23, 30, tzinfo=UTC),
            current_receipt_mac=f"mac{k}",
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    rows = list(new_apps.get_model("budgeting", "VoterRegister").objects.all())
    assert sorted(r.person_key for r in rows) == [f"p{k:02d}" for k in range(20)]
    assert all(isinstance(r.pk, uuid.UUID) for r in rows)
    assert {str(r.first_voted_on) for r in rows} == {"2025-01-02"}
    assert {str(r.last_changed_on) for r in rows} == {"2025-01-04"}  # 23:30 UTC is the 4th here
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
