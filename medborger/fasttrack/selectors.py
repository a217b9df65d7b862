"""Read-side queries of the fast-track pool. Every query is limited to one municipality, and a
list page costs the same number of queries however many applications it shows.

Visibility matches rules.py: decided applications are public; a submitted one is seen only by its
applicant and the municipality's staff."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When

from medborger.accounts.predicates import is_staff_here
from medborger.domain.lifecycle.fasttrack import DECIDED, State
from medborger.fasttrack.models import Application, FastTrackPool, ReportPhoto

DECIDED_VALUES = sorted(s.value for s in DECIDED)


def is_staff_in(user: Any, municipality: Any) -> bool:
    """The same predicate as the rules, so a list never disagrees with a detail page."""
    return bool(is_staff_here(user, municipality))


def pools_for(*, municipality: Any) -> QuerySet[FastTrackPool]:
    return (
        FastTrackPool.objects.filter(municipality=municipality)
        .select_related("area", "municipality")
        .order_by("-year", "title", "pk")
    )


def pool_detail(*, municipality: Any, pk: int) -> FastTrackPool | None:
    return pools_for(municipality=municipality).filter(pk=pk).first()


def _with_photos(applications: QuerySet[Application]) -> QuerySet[Application]:
    return applications.prefetch_related(
        Prefetch("photos", queryset=ReportPhoto.objects.order_by("uploaded_at", "pk"))
    )


def decided_applications(*, pool: FastTrackPool) -> QuerySet[Application]:
    """The public record of a pool: every decision with its reason, and the reports."""
    return _with_photos(
        Application.objects.filter(
            pool=pool, municipality=pool.municipality_id, state__in=DECIDED_VALUES
        )
        .select_related("municipality")
        .order_by("-decided_at", "-pk")
    )


def applications_visible_to(*, user: Any, municipality: Any) -> QuerySet[Application]:
    applications = Application.objects.filter(municipality=municipality)
    if is_staff_in(user, municipality):
        return applications
    visible = Q(state__in=DECIDED_VALUES)
    if getattr(user, "is_authenticated", False):
        visible |= Q(applicant=user)
    return applications.filter(visible)


def application_detail(*, user: Any, municipality: Any, pk: int) -> Application | None:
    return (
        _with_photos(applications_visible_to(user=user, municipality=municipality))
        .select_related("pool", "municipality", "pool__area")
        .filter(pk=pk)
        .first()
    )


def applications_of(*, user: Any, municipality: Any) -> QuerySet[Application]:
    return (
        Application.objects.filter(municipality=municipality, applicant=user)
        .select_related("pool", "municipality")
        .order_by("-submitted_at", "-pk")
    )


def application_for_staff(*, municipality: Any, pk: int) -> Application | None:
    return (
        _with_photos(Application.objects.filter(municipality=municipality, pk=pk))
        .select_related("pool", "municipality", "applicant", "decided_by", "paid_by", "pool__area")
        .first()
    )


@dataclass
class StaffQueues:
    waiting: Sequence[Application]  # annotated with `overdue`
    to_pay: Sequence[Application]
    to_report: Sequence[Application]  # annotated with `overdue`
    done: Sequence[Application]


def staff_queues(*, municipality: Any, now: datetime, today: date) -> StaffQueues:
    """What waits for the municipality; overdue rows are marked (`overdue`) and come first."""
    base = Application.objects.filter(municipality=municipality).select_related("pool")
    waiting = list(
        base.filter(state=State.SUBMITTED.value)
        .annotate(
            overdue=Case(
                When(decision_due__lt=now, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("decision_due", "pk")
    )
    to_pay = list(base.filter(state=State.APPROVED.value).order_by("decided_at", "pk"))
    to_report = list(
        base.filter(state=State.PAID.value)
        .annotate(
            overdue=Case(
                When(report_due__lt=today, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("report_due", "pk")
    )
    done = list(
        base.filter(state__in=[State.REJECTED.value, State.REPORTED.value]).order_by(
            "-decided_at", "-pk"
        )[:20]
    )
    return StaffQueues(waiting=waiting, to_pay=to_pay, to_report=to_report, done=done)


def fasttrack_export(user: Any) -> dict[str, Any]:
    """The applications a person sent (with the responsible person they named) and, for staff,
    the decisions and payouts they recorded."""
    return {
        "applications": [
            {
                "pool": a.pool.title,
                "title": a.title,
                "state": a.state,
                "submitted_at": a.submitted_at.isoformat(),
                "amount_requested": a.amount_requested,
                "granted_amount": a.granted_amount,
                "group_name": a.group_name,
                "responsible_name": a.responsible_name,
                "responsible_phone": a.responsible_phone,
                "responsible_email": a.responsible_email,
                "report": a.report_text,
            }
            for a in Application.objects.filter(applicant=user).select_related("pool")
        ],
        "decided_by_you": [
            {
                "application": a.title,
                "state": a.state,
                "decided_at": a.decided_at.isoformat() if a.decided_at else None,
            }
            for a in Application.objects.filter(decided_by=user)
        ],
        "payouts_recorded_by_you": [
            {
                "application": a.title,
                "paid_on": a.paid_on.isoformat() if a.paid_on else None,
                "amount": a.paid_amount,
            }
            for a in Application.objects.filter(paid_by=user)
        ],
    }
