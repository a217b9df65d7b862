"""Old eID account rows with the broker's raw claims are deleted by migration 0004; rows that
hold only keys, and other providers' rows, stay."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("accounts", "0003_identity_match_key"),
    ("socialaccount", "0006_alter_socialaccount_extra_data"),
]
AFTER = [("accounts", "0004_forget_raw_eid_claims")]


@pytest.mark.django_db(transaction=True)
def test_raw_eid_claims_stored_before_the_fix_are_deleted() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    municipality = old_apps.get_model("places", "Municipality").objects.create(
        name="Migreringby", slug="migreringby", hosts="migrering.test"
    )
    old_apps.get_model("accounts", "EidProvider").objects.create(
        municipality=municipality,
        slug="mitid-old",
        name="MitID",
        server_url="https://broker.example/",
        client_id="abc",
        client_secret="secret",
        national_id_claim="dk.cpr",
        scheme="dk-cpr",
    )
    user_model = old_apps.get_model("accounts", "User")
    account_model = old_apps.get_model("socialaccount", "SocialAccount")
    raw = account_model.objects.create(
        user=user_model.objects.create(email="a@example.org", name="A"),
        provider="mitid-old",
        uid="broker-subject-1",
        extra_data={"id_token": {"dk.cpr": "0101801234", "name": "Ane And"}},
    )
    keyed = account_model.objects.create(
        user=user_model.objects.create(email="b@example.org", name="B"),
        provider="mitid-old",
        uid="key-2",
        extra_data={"medborger_keys": {"person_key": "key-2", "match_key": None}},
    )
    other = account_model.objects.create(
        user=user_model.objects.create(email="c@example.org", name="C"),
        provider="google",
        uid="g-3",
        extra_data={"email": "c@example.org"},
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    left = set(
        new_apps.get_model("socialaccount", "SocialAccount").objects.values_list("pk", flat=True)
    )
    assert left == {keyed.pk, other.pk} and raw.pk not in left
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
