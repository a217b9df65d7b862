"""The 17 UN goals as rows, and on PostgreSQL full-text indexes for Danish and Swedish search.

The index expression must match SEARCH_DOCUMENT in medborger/proposals/selectors.py exactly,
or PostgreSQL will not use it. SQLite (the demo) searches without an index."""

from django.db import migrations

CONFIGS = ("danish", "swedish")
DOCUMENT = (
    "coalesce(\"title\", '') || ' ' || coalesce(\"summary\", '') || ' ' || coalesce(\"body\", '')"
)


def seed_sdgs(apps, schema_editor):
    Sdg = apps.get_model("proposals", "Sdg")
    for number in range(1, 18):
        Sdg.objects.get_or_create(number=number)


def unseed_sdgs(apps, schema_editor):
    apps.get_model("proposals", "Sdg").objects.all().delete()


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in CONFIGS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS proposals_search_{config} ON proposals_proposal "
            f"USING GIN (to_tsvector('{config}'::regconfig, {DOCUMENT}))"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in CONFIGS:
        schema_editor.execute(f"DROP INDEX IF EXISTS proposals_search_{config}")


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [
        migrations.RunPython(seed_sdgs, unseed_sdgs),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
