"""The demo group: members of every kind, a rotating chair that skipped the committee chair,
two meetings with notes, an overdue task, a vision plan with its whole trail, and a second run
that duplicates nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from medborger.cocreation.demo import load_cocreation
from medborger.cocreation.models import (
    ChairTerm,
    CoCreationGroup,
    GroupMeeting,
    Membership,
    Output,
    Task,
    TrailEntry,
)
from medborger.core import demo
from medborger.core.models import AuditEntry
from medborger.notifications.models import Notification

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        CoCreationGroup.objects.count(),
        Membership.objects.count(),
        ChairTerm.objects.count(),
        GroupMeeting.objects.count(),
        Task.objects.count(),
        Output.objects.count(),
        TrailEntry.objects.count(),
        AuditEntry.objects.filter(action__startswith="cocreation_").count(),
        Notification.objects.filter(event="cocreation.output").count(),
    )


def test_the_loader_is_registered():
    assert load_cocreation in demo._LOADERS


def test_the_demo_group_and_a_second_run_duplicates_nothing():
    context = demo.load_foundation()
    summary = load_cocreation(context)
    first = counts()
    group = CoCreationGroup.objects.get()
    load_cocreation(demo.load_foundation())
    assert counts() == first
    assert CoCreationGroup.objects.get().pk == group.pk
    assert summary[0].startswith("Co-creation: 1 group, 8 members, 3 chair terms")

    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"politician", "official", "resident", "expert", "association", "business"}
    chairs = [t.member.display_name for t in ChairTerm.objects.order_by("started_on")]
    assert chairs == ["Yasmin Ali", "Mette Juhl", chairs[2]]
    assert "Peter Munk" not in chairs  # he chairs Teknik- og Miljøudvalget
    assert ChairTerm.objects.filter(ended_on__isnull=True).count() == 1

    assert GroupMeeting.objects.exclude(notes="").count() == 2
    today = timezone.localdate()
    overdue = [t for t in Task.objects.all() if t.is_overdue(today)]
    assert len(overdue) == 1 and "tilbud" in overdue[0].title

    plan = Output.objects.get()
    assert plan.state == "granted" and plan.granted_amount == 375_000
    assert plan.requested_amount == 450_000 and plan.committee.slug == "teknik-og-miljoe"
    kinds = list(plan.trail.values_list("kind", flat=True))
    assert kinds == ["published", "presented", "sent", "granted"]
    dates = list(plan.trail.values_list("happened_on", flat=True))
    assert dates == sorted(dates) and dates[-1] <= today
    # The follower heard about every step.
    assert Notification.objects.filter(event="cocreation.output").count() == 4
