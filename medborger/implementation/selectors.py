"""Reading implementation tracking: funded projects with their deadlines, spending and progress.

Every list is one query for the projects (deliveries, processes and responsible staff joined;
spending and milestone counts as subqueries) plus one for the municipalities' deadline rules,
however many projects there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborger.accounts.models import Role, User
from medborger.budgeting.models import BudgetProject
from medborger.domain.lifecycle import implementation as domain
from medborger.implementation.models import (
    Delivery,
    DeliveryRules,
    Milestone,
    SpendEntry,
    Update,
    UpdatePhoto,
)
from medborger.implementation.texts import days_text, kroner

FUNDED = BudgetProject.Status.FUNDED


@dataclass(frozen=True)
class Rules:
    visible_result_months: int
    spend_months: int
    warn_days: int


def default_rules() -> Rules:
    """Teece's rules, unless the installation's settings say otherwise."""
    return Rules(
        visible_result_months=getattr(
            settings, "MEDBORGER_VISIBLE_RESULT_MONTHS", domain.VISIBLE_RESULT_MONTHS
        ),
        spend_months=getattr(settings, "MEDBORGER_SPEND_MONTHS", domain.SPEND_MONTHS),
        warn_days=getattr(settings, "MEDBORGER_DELIVERY_WARN_DAYS", domain.WARN_DAYS),
    )


def _as_rules(row: DeliveryRules) -> Rules:
    return Rules(
        visible_result_months=row.visible_result_months,
        spend_months=row.spend_months,
        warn_days=row.warn_days,
    )


def rules_of(municipality: Any) -> Rules:
    row = DeliveryRules.objects.filter(municipality=municipality).first()
    return _as_rules(row) if row is not None else default_rules()


def _rules_for(municipality_ids: Iterable[int]) -> dict[int, Rules]:
    ids = set(municipality_ids)
    if not ids:
        return {}
    return {
        row.municipality_id: _as_rules(row)
        for row in DeliveryRules.objects.filter(municipality_id__in=ids)
    }


def decision_date(project: BudgetProject) -> date:
    """The funding decision: the day voting closed, in the municipality's time zone."""
    return timezone.localdate(project.process.voting_closes)


# --- the summary of one project ----------------------------------------------------------------


@dataclass(frozen=True)
class ProgressSummary:
    """Everything a list row, the dashboard or the budget results page shows about a project."""

    project_id: int
    title: str
    process_title: str
    url: str
    staff_url: str
    tracked: bool
    status: str
    status_label: str
    status_reason: str
    responsible_name: str
    decided_on: date
    started_on: date
    budget: int
    budget_text: str
    spent: Decimal
    spent_text: str
    left_text: str
    over_text: str
    percent: int
    overspent: bool
    visible_result_due: date
    visible_result_on: date | None
    visible_flag: str
    visible_text: str
    spend_due: date
    spend_flag: str
    spend_text: str
    milestones_done: int
    milestones_total: int

    @property
    def bar_percent(self) -> int:
        """The accessible bar stops at 100; the text says how far over it is."""
        return min(self.percent, 100)

    @property
    def is_red(self) -> bool:
        return self.visible_flag == domain.Flag.OVERDUE

    @property
    def is_amber(self) -> bool:
        return self.visible_flag == domain.Flag.SOON

    @property
    def spend_overdue(self) -> bool:
        return self.spend_flag == domain.Flag.OVERDUE

    @property
    def urgency(self) -> int:
        """For sorting the staff dashboard: red, then amber, then the rest."""
        if self.is_red:
            return 0
        if self.is_amber:
            return 1
        if self.spend_overdue or self.overspent:
            return 2
        return 3


def _visible_text(flag: domain.Flag, due: date, met_on: date | None, today: date) -> str:
    due_text = _date(due)
    if flag == domain.Flag.MET:
        return _("Visible result on %(date)s, on time.") % {"date": _date(met_on)}
    if flag == domain.Flag.MET_LATE:
        return _("Visible result on %(date)s, after the deadline of %(due)s.") % {
            "date": _date(met_on),
            "due": due_text,
        }
    if flag == domain.Flag.OVERDUE:
        return _("Overdue: no visible result %(days)s after the deadline of %(due)s.") % {
            "days": days_text(-domain.days_to(due, today)),
            "due": due_text,
        }
    if flag == domain.Flag.SOON:
        return _("Due soon: a visible result is due by %(due)s (%(days)s left).") % {
            "due": due_text,
            "days": days_text(domain.days_to(due, today)),
        }
    return _("A visible result is due by %(due)s.") % {"due": due_text}


def _spend_text(flag: domain.Flag, due: date, done_on: date | None, today: date) -> str:
    due_text = _date(due)
    if flag in (domain.Flag.MET, domain.Flag.MET_LATE):
        return _("Finished on %(date)s (deadline %(due)s).") % {
            "date": _date(done_on),
            "due": due_text,
        }
    if flag == domain.Flag.OVERDUE:
        return _("Overdue: the money was to be spent by %(due)s.") % {"due": due_text}
    if flag == domain.Flag.SOON:
        return _("Due soon: the money is to be spent by %(due)s (%(days)s left).") % {
            "due": due_text,
            "days": days_text(domain.days_to(due, today)),
        }
    return _("The money is to be spent by %(due)s.") % {"due": due_text}


def _date(value: date | None) -> str:
    from django.utils.formats import date_format

    return date_format(value, "DATE_FORMAT") if value is not None else ""


def summarise(
    project: BudgetProject, *, rules: Rules, today: date, country: str = "DK"
) -> ProgressSummary:
    """The summary of a funded project, with or without a delivery record yet.

    `project` comes from `_funded_projects()`: it has `spent`, `milestones_done` and
    `milestones_total` annotated and its delivery and process joined."""
    delivery: Delivery | None = getattr(project, "delivery", None)
    decided_on = decision_date(project)
    dates = domain.deadlines(
        decided_on,
        visible_result_months=rules.visible_result_months,
        spend_months=rules.spend_months,
    )
    spent = Decimal(getattr(project, "spent", 0) or 0)
    budget = delivery.budget if delivery is not None else project.cost
    money = domain.spending(budget=budget, spent=spent)
    visible_on = delivery.visible_result_on if delivery is not None else None
    done_on = delivery.done_on if delivery is not None else None
    visible_flag = domain.visible_result_flag(
        due=dates.visible_result_due,
        visible_result_on=visible_on,
        today=today,
        warn_days=rules.warn_days,
    )
    spend_flag = domain.spend_flag(
        due=dates.spend_due, done_on=done_on, today=today, warn_days=rules.warn_days
    )
    status = delivery.status if delivery is not None else Delivery.Status.PLANNED
    responsible = delivery.responsible if delivery is not None else None
    return ProgressSummary(
        project_id=project.pk,
        title=project.title,
        process_title=project.process.title,
        url=reverse("implementation:detail", args=[project.pk]),
        staff_url=reverse("implementation:staff_project", args=[project.pk]),
        tracked=delivery is not None,
        status=str(status),
        status_label=str(Delivery.Status(status).label),
        status_reason=delivery.status_reason if delivery is not None else "",
        responsible_name=str(responsible) if responsible is not None else "",
        decided_on=decided_on,
        started_on=delivery.started_on if delivery is not None else decided_on,
        budget=budget,
        budget_text=kroner(budget, country),
        spent=spent,
        spent_text=kroner(spent, country),
        left_text=kroner(max(money.left, Decimal(0)), country),
        over_text=kroner(-money.left, country) if money.overspent else "",
        percent=money.percent,
        overspent=money.overspent,
        visible_result_due=dates.visible_result_due,
        visible_result_on=visible_on,
        visible_flag=str(visible_flag),
        visible_text=_visible_text(visible_flag, dates.visible_result_due, visible_on, today),
        spend_due=dates.spend_due,
        spend_flag=str(spend_flag),
        spend_text=_spend_text(spend_flag, dates.spend_due, done_on, today),
        milestones_done=int(getattr(project, "milestones_done", 0) or 0),
        milestones_total=int(getattr(project, "milestones_total", 0) or 0),
    )


def _funded_projects() -> QuerySet[BudgetProject]:
    spent = (
        SpendEntry.objects.filter(delivery__project=OuterRef("pk"))
        .values("delivery")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    milestones = Milestone.objects.filter(delivery__project=OuterRef("pk")).values("delivery")
    money: DecimalField[Decimal, Decimal] = DecimalField(max_digits=14, decimal_places=2)
    return (
        BudgetProject.objects.filter(status=FUNDED)
        .select_related("process", "process__municipality", "delivery", "delivery__responsible")
        .annotate(
            spent=Coalesce(
                Subquery(spent, output_field=money), Value(Decimal(0)), output_field=money
            ),
            milestones_total=Coalesce(
                Subquery(
                    milestones.annotate(n=Count("pk")).values("n"), output_field=IntegerField()
                ),
                Value(0),
            ),
            milestones_done=Coalesce(
                Subquery(
                    milestones.filter(done_on__isnull=False).annotate(n=Count("pk")).values("n"),
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
        )
    )


def _summaries(projects: Iterable[BudgetProject], *, today: date) -> list[ProgressSummary]:
    projects = list(projects)
    rules = _rules_for(p.process.municipality_id for p in projects)
    fallback = default_rules()
    return [
        summarise(
            p,
            rules=rules.get(p.process.municipality_id, fallback),
            today=today,
            country=p.process.municipality.country,
        )
        for p in projects
    ]


def funded_projects_of(*, municipality: Any) -> QuerySet[BudgetProject]:
    return _funded_projects().filter(process__municipality=municipality)


def public_rows(*, municipality: Any, today: date) -> list[ProgressSummary]:
    """The public list: the newest funding decisions first, then by title."""
    projects = funded_projects_of(municipality=municipality).order_by(
        "-process__voting_closes", "title", "pk"
    )
    return _summaries(projects, today=today)


def dashboard_rows(*, municipality: Any, today: date) -> list[ProgressSummary]:
    """The staff dashboard: red (no visible result past its deadline) first, then amber, then
    the rest by their visible-result deadline."""
    rows = public_rows(municipality=municipality, today=today)
    return sorted(rows, key=lambda r: (r.urgency, r.visible_result_due, r.title))


def progress_for_projects(
    project_ids: Iterable[int], *, today: date | None = None
) -> dict[int, ProgressSummary]:
    """Progress of funded projects by id, for the budget results page: two queries for any
    number of projects. Projects that are not funded are left out."""
    ids = [int(pk) for pk in project_ids]
    if not ids:
        return {}
    today = today or timezone.localdate()
    projects = _funded_projects().filter(pk__in=ids)
    return {row.project_id: row for row in _summaries(projects, today=today)}


# --- one project ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SpendRow:
    entry: SpendEntry
    amount_text: str


@dataclass(frozen=True)
class ProjectPage:
    project: BudgetProject
    delivery: Delivery | None
    summary: ProgressSummary
    milestones: list[Milestone]
    spend_entries: list[SpendRow]
    updates: list[Update]
    country: str


def funded_project(*, municipality: Any, pk: int) -> BudgetProject | None:
    """A funded project of this municipality; None for another municipality's or an unfunded one."""
    return funded_projects_of(municipality=municipality).filter(pk=pk).first()


def project_page(
    *, municipality: Any, pk: int, today: date, project: BudgetProject | None = None
) -> ProjectPage | None:
    project = project or funded_project(municipality=municipality, pk=pk)
    if project is None:
        return None
    delivery: Delivery | None = getattr(project, "delivery", None)
    milestones: list[Milestone] = []
    entries: list[SpendRow] = []
    updates: list[Update] = []
    if delivery is not None:
        milestones = list(delivery.milestones.all())
        entries = [
            SpendRow(entry=e, amount_text=kroner(e.amount, municipality.country))
            for e in delivery.spend_entries.select_related("entered_by")
        ]
        updates = list(
            delivery.updates.select_related("author").prefetch_related(
                Prefetch("photos", queryset=UpdatePhoto.objects.order_by("pk"))
            )
        )
    return ProjectPage(
        project=project,
        delivery=delivery,
        summary=_summaries([project], today=today)[0],
        milestones=milestones,
        spend_entries=entries,
        updates=updates,
        country=municipality.country,
    )


def staff_choices(*, municipality: Any) -> QuerySet[User]:
    """Who can be responsible for a project: the municipality's case officers and admins."""
    return (
        User.objects.filter(
            is_active=True,
            role_assignments__municipality=municipality,
            role_assignments__role__in=[Role.CASE_OFFICER, Role.MUNICIPAL_ADMIN],
        )
        .distinct()
        .order_by("name", "email")
    )


def untracked_count(*, municipality: Any) -> int:
    return BudgetProject.objects.filter(
        process__municipality=municipality, status=FUNDED, delivery__isnull=True
    ).count()


# --- personal data ----------------------------------------------------------------------------


def implementation_export(user: Any) -> dict[str, Any]:
    """What a staff member did in implementation tracking: projects they are responsible for,
    spending they entered and updates they wrote."""
    return {
        "responsible_for": [
            {"project": d.project.title, "status": d.status, "started_on": d.started_on.isoformat()}
            for d in Delivery.objects.filter(responsible=user).select_related("project")
        ],
        "spending_entered": [
            {
                "project": e.delivery.project.title,
                "spent_on": e.spent_on.isoformat(),
                "amount": str(e.amount),
                "purpose": e.purpose,
                "entered_at": e.entered_at.isoformat(),
            }
            for e in SpendEntry.objects.filter(entered_by=user)
            .select_related("delivery__project")
            .order_by("entered_at", "pk")
        ],
        "updates_written": [
            {
                "project": u.delivery.project.title,
                "text": u.text,
                "published_at": u.published_at.isoformat(),
            }
            for u in Update.objects.filter(author=user)
            .select_related("delivery__project")
            .order_by("published_at", "pk")
        ],
    }
