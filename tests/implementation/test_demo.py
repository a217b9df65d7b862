"""The demo loader: four situations on the funded projects it finds, idempotent, robust to none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from medborger.core.demo import DemoContext
from medborger.implementation.demo import load_implementation
from medborger.implementation.models import Delivery, SpendEntry, Update, UpdatePhoto
from medborger.implementation.selectors import progress_for_projects
from tests.factories import UserFactory, grant
from tests.implementation.conftest import make_process, make_project

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def context(municipality):  # type: ignore[no-untyped-def]
    officer = grant(UserFactory(name="Mette Juhl"), "case_officer", municipality)
    return DemoContext(municipality=municipality, staff={"case_officer": officer}, now=NOW)


def test_nothing_funded_is_fine(context):
    assert load_implementation(context) == [
        "Implementation tracking: no funded projects yet, nothing to track."
    ]
    assert not Delivery.objects.exists()


def test_four_situations_and_safe_to_run_twice(context, municipality):
    process = make_process(municipality, slug="finished", closes=NOW - timedelta(days=150))
    projects = [
        make_project(process, title=f"Projekt {i}", cost=cost)
        for i, cost in enumerate((45_000, 60_000, 38_000, 85_000, 12_000, 9_000))
    ]
    make_project(process, title="Ikke valgt", status="not_funded")
    summary = load_implementation(context)
    counts = (Delivery.objects.count(), SpendEntry.objects.count(), Update.objects.count())
    assert load_implementation(context) == summary
    assert (Delivery.objects.count(), SpendEntry.objects.count(), Update.objects.count()) == counts
    assert "delayed past its three-month deadline (red)" in summary[0]

    progress = progress_for_projects([p.pk for p in projects], today=NOW.date())
    on_time, in_progress, overdue, done, late, planned = (progress[p.pk] for p in projects)
    assert on_time.status == "visible_result" and on_time.visible_flag == "met"
    assert UpdatePhoto.objects.filter(update__delivery__project=projects[0]).count() == 2
    assert all(p.alt_text for p in UpdatePhoto.objects.all())
    assert in_progress.status == "in_progress" and 0 < in_progress.percent < 100
    assert not in_progress.is_red  # its first part was visible in time
    assert overdue.is_red and overdue.status == "paused" and overdue.status_reason
    assert done.status == "done" and done.spent == done.budget and not done.overspent
    assert late.visible_flag == "met_late" and not late.is_red
    assert planned.status == "planned" and planned.tracked
    # Only the delayed project is red of the five situations; a sixth, merely planned, is too.
    assert {p.project_id for p in progress.values() if p.is_red} == {
        overdue.project_id,
        planned.project_id,
    }
    assert done.milestones_done == done.milestones_total == 4


def test_a_recent_decision_never_gets_dates_in_the_future(context, municipality):
    process = make_process(municipality, slug="recent", closes=NOW - timedelta(days=20))
    for i in range(4):
        make_project(process, title=f"Nyt {i}")
    summary = load_implementation(context)
    assert "has not passed yet" in summary[0]
    assert not SpendEntry.objects.filter(spent_on__gt=NOW.date()).exists()
    assert not Delivery.objects.filter(visible_result_on__gt=NOW.date()).exists()
