"""Members rotating the chair and recording trail steps at the same moment, on PostgreSQL: the
group always has exactly one current chair with a gap-free history, and a trail step is recorded
once however many press the button.

Run with DATABASE_URL=postgres://… ; SQLite serialises writers, so it proves nothing here."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection

from medborger.cocreation import services
from medborger.cocreation.models import ChairTerm, Output, TrailEntry
from tests.budgeting.test_concurrency import run_together
from tests.cocreation.conftest import D0, T0, days

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (set DATABASE_URL): SQLite cannot run writers concurrently",
    ),
]

ROTATIONS = 12


def test_rotations_at_once_keep_one_chair_and_a_gap_free_history(group, members, staff):
    results, errors = run_together(
        ROTATIONS,
        lambda i: services.chair_rotate(group_id=group.pk, actor=staff, on=D0, now=T0).pk,
    )
    assert not errors, errors
    assert len(results) == ROTATIONS
    terms = list(ChairTerm.objects.filter(group=group).order_by("pk"))
    assert len(terms) == ROTATIONS
    assert [t.ended_on for t in terms[:-1]] == [D0] * (ROTATIONS - 1)
    assert terms[-1].ended_on is None
    assert all(t.member_id != members["peter"].pk for t in terms)  # the committee chair
    # Each rotation passed the chair on from the one before: no two in a row are the same.
    assert all(a.member_id != b.member_id for a, b in itertools.pairwise(terms))


def test_a_step_pressed_at_once_is_recorded_once(group, members, citizens_meeting):
    actor = members["signe"].user
    output = services.output_add(
        group=group, actor=actor, title="Visionsplan", text="Tekst", now=T0 - days(20)
    )

    def present(index: int) -> str:
        try:
            services.output_present(
                output_id=output.pk,
                actor=actor,
                meeting=citizens_meeting,
                on=D0,
                note=f"Tryk {index}",
                now=T0,
            )
        except services.CoCreationError as refused:
            return str(refused)
        return "ok"

    results, errors = run_together(10, present)
    assert not errors, errors
    assert results.count("ok") == 1
    assert all("already done" in r for r in results if r != "ok")
    assert TrailEntry.objects.filter(output=output, kind="presented").count() == 1
    assert Output.objects.get(pk=output.pk).state == "presented"
