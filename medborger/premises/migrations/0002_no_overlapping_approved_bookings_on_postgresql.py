"""On PostgreSQL only: the database refuses two APPROVED bookings of the same premises whose
half-open intervals [starts_at, ends_at) overlap (an exclusion constraint over a GiST index;
btree_gist lets the plain `premises_id WITH =` sit beside the range).

The constraint is not in the model's Meta: SQLite has no exclusion constraints, and the embedded
demo database must migrate too. On SQLite the premises row lock in `services.request_approve`
(a no-op there, since SQLite runs one writer at a time) is what keeps approvals apart. Django's
migration state does not know about the constraint, so `makemigrations --check` stays quiet."""

from django.db import migrations

CONSTRAINT = "premises_booking_no_overlap_when_approved"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"ALTER TABLE premises_booking ADD CONSTRAINT {CONSTRAINT} "
        "EXCLUDE USING gist (premises_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
        "WHERE (state = 'approved')"
    )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE premises_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("premises", "0001_premises_hours_requests_bookings")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
