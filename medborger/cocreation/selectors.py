"""Read-side queries of co-creation groups. Every query is limited to one municipality, and a
page costs the same number of queries however many members, meetings, tasks or outputs it shows.

Visibility matches rules.py: a public group is read by everybody; a closed one only by its
members and the municipality's staff."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from medborger.accounts.predicates import is_staff_here
from medborger.cocreation.models import (
    ChairTerm,
    CoCreationGroup,
    Membership,
    Output,
    OutputAttachment,
    Task,
    TrailEntry,
)


def groups_visible_to(*, user: Any, municipality: Any) -> QuerySet[CoCreationGroup]:
    groups = CoCreationGroup.objects.filter(municipality=municipality)
    if is_staff_here(user, municipality):
        return groups
    visible = Q(is_public=True)
    if getattr(user, "is_authenticated", False):
        today = timezone.localdate()
        visible |= Q(
            pk__in=Membership.objects.filter(user=user, joined_on__lte=today)
            .exclude(left_on__lte=today)
            .values("group_id")
        )
    return groups.filter(visible)


def group_list(*, user: Any, municipality: Any) -> QuerySet[CoCreationGroup]:
    return (
        groups_visible_to(user=user, municipality=municipality)
        .select_related("area", "committee")
        .prefetch_related(
            Prefetch(
                "chair_terms",
                queryset=ChairTerm.objects.filter(ended_on__isnull=True).select_related("member"),
                to_attr="current_terms",
            )
        )
        .order_by("status", "-starts_on", "name", "pk")
    )


def _trail_prefetch() -> Prefetch:
    return Prefetch(
        "outputs",
        queryset=Output.objects.select_related("presented_at", "committee").prefetch_related(
            Prefetch(
                "trail",
                queryset=TrailEntry.objects.select_related("meeting", "committee"),
            ),
            Prefetch("attachments", queryset=OutputAttachment.objects.all()),
        ),
    )


def group_detail(*, user: Any, municipality: Any, pk: int) -> CoCreationGroup | None:
    """The group with everything its page shows, or None (another municipality's, or closed)."""
    return (
        groups_visible_to(user=user, municipality=municipality)
        .select_related("area", "committee", "municipality")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organisation").order_by(
                    "joined_on", "pk"
                ),
            ),
            Prefetch(
                "chair_terms",
                queryset=ChairTerm.objects.select_related("member").order_by("-started_on", "-pk"),
            ),
            "meetings",
            Prefetch("tasks", queryset=Task.objects.select_related("owner")),
            _trail_prefetch(),
        )
        .filter(pk=pk)
        .first()
    )


def output_detail(*, user: Any, municipality: Any, pk: int) -> Output | None:
    return (
        Output.objects.filter(
            pk=pk, group__in=groups_visible_to(user=user, municipality=municipality)
        )
        .select_related("group", "group__municipality", "presented_at", "committee")
        .prefetch_related(
            Prefetch("trail", queryset=TrailEntry.objects.select_related("meeting", "committee")),
            "attachments",
        )
        .first()
    )


@dataclass
class Roster:
    current: list[Membership]
    former: list[Membership]


def roster(group: CoCreationGroup, *, today: date) -> Roster:
    members = list(group.memberships.all())
    return Roster(
        current=[m for m in members if m.is_member_on(today) or m.joined_on > today],
        former=[m for m in members if m.left_on is not None and m.left_on <= today],
    )


def current_chair(group: CoCreationGroup) -> ChairTerm | None:
    """From the prefetched history: the open term, if any."""
    return next((t for t in group.chair_terms.all() if t.ended_on is None), None)


def tasks_with_flags(group: CoCreationGroup, *, today: date) -> list[dict[str, Any]]:
    return [{"task": t, "overdue": t.is_overdue(today)} for t in group.tasks.all()]


def past_meetings(*, municipality: Any, today: date) -> QuerySet[Any]:
    """Citizens' meetings an output can have been presented at: this municipality's, held."""
    from medborger.meetings.models import Meeting

    return (
        Meeting.objects.filter(municipality=municipality, starts_at__date__lte=today)
        .exclude(status="cancelled")
        .order_by("-starts_at", "-pk")
    )


def cocreation_export(user: Any) -> dict[str, Any]:
    """The groups a person is or was a member of, with their role and the tasks they own."""
    memberships = Membership.objects.filter(user=user).select_related("group", "organisation")
    return {
        "memberships": [
            {
                "group": m.group.name,
                "name_shown": m.display_name,
                "role": m.role,
                "organisation": m.organisation.name if m.organisation else None,
                "joined_on": m.joined_on.isoformat(),
                "left_on": m.left_on.isoformat() if m.left_on else None,
                "chaired": [
                    {
                        "from": t.started_on.isoformat(),
                        "to": t.ended_on.isoformat() if t.ended_on else None,
                    }
                    for t in m.chair_terms.all()
                ],
                "tasks": [
                    {"task": t.title, "due_on": t.due_on.isoformat(), "status": t.status}
                    for t in m.tasks.all()
                ],
            }
            for m in memberships
        ]
    }
