"""Efforts and holistic plans (indsatser, helhedsplaner): who does what, for whom, where, when,
and who pays.

A holistic plan is an effort of kind "plan" that groups child efforts. Financing lines say who
pays what and in which form; hours become kroner as rate × hours per week × weeks. The shares and
the warnings (fewer than two financing parties, a local share below the minimum, an overlapping
effort) are computed when read, in medborger.domain.efforts, never stored.

GoalContribution is the "one picture": a funded budget project, an adopted proposal or an effort
declares which goal it serves; `selectors.serving(goal)` lists them all."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped
from medborger.domain import efforts as rules

TITLE_MAX = 160
DESCRIPTION_MAX = 4000
HOW_MAX = 300

# What may declare that it serves a goal (app_label.model).
CONTRIBUTION_LABELS = ("budgeting.budgetproject", "proposals.proposal", "efforts.effort")


def contribution_choices() -> Q:
    query = Q(pk__in=[])
    for label in CONTRIBUTION_LABELS:
        app_label, model = label.split(".")
        query |= Q(app_label=app_label, model=model)
    return query


class TargetGroup(TimeStamped):
    """A target group the municipality names once, so two efforts for "young people 15-25" are
    recognised as the same group."""

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="target_groups",
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"],
                name="efforts_targetgroup_unique_name",
                violation_error_message=_("The municipality already has this target group."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class Effort(TimeStamped):
    class Kind(models.TextChoices):
        EFFORT = "effort", _("effort")
        PLAN = "plan", _("holistic plan")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        STOPPED = "stopped", _("stopped")

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="efforts",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.EFFORT)
    plan = models.ForeignKey(
        "self",
        verbose_name=_("part of the holistic plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        limit_choices_to={"kind": "plan"},
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX, blank=True)
    owner = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="efforts_owned",
    )
    partners = models.ManyToManyField(  # type: ignore[var-annotated]
        "places.Organisation",
        verbose_name=_("partners"),
        blank=True,
        related_name="efforts_partnered",
    )
    target_group = models.ForeignKey(
        TargetGroup,
        verbose_name=_("target group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efforts",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="efforts",
        help_text=_("Leave empty for the whole municipality."),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), help_text=_("The first day after the effort."))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    goals = models.ManyToManyField(  # type: ignore[var-annotated]
        "goals.Goal", verbose_name=_("goals"), blank=True, related_name="efforts"
    )
    min_local_share = models.PositiveSmallIntegerField(
        _("least local share (%)"),
        default=25,
        validators=[MaxValueValidator(100)],
        help_text=_("Holistic plans: Landsbyggefonden pays 75 % and asks for 25 % locally."),
    )

    class Meta:
        ordering = ["start", "title", "pk"]
        verbose_name = _("effort")
        verbose_name_plural = _("efforts")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="efforts_effort_end_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=Q(min_local_share__lte=100),
                name="efforts_effort_local_share_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("efforts:detail", args=[self.pk])

    @property
    def last_day(self) -> date:
        """The last day of the effort (the stored end is the first day after it)."""
        return self.end - timedelta(days=1)

    @property
    def is_plan(self) -> bool:
        return self.kind == self.Kind.PLAN

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.plan_id is not None:
            if self.is_plan:
                errors["plan"] = str(_("A holistic plan cannot be part of another plan."))
            elif self.plan is not None and (
                not self.plan.is_plan or self.plan.municipality_id != self.municipality_id
            ):
                errors["plan"] = str(_("Choose a holistic plan of the same municipality."))
        for name in ("owner", "target_group", "area"):
            related = getattr(self, name, None) if getattr(self, f"{name}_id") else None
            if related is not None and related.municipality_id != self.municipality_id:
                errors[name] = str(_("Choose one of the municipality's own."))
        if errors:
            raise ValidationError(errors)


class FinancingForm(models.TextChoices):
    CASH = rules.FinancingForm.CASH.value, _("cash")
    STAFF_HOURS = rules.FinancingForm.STAFF_HOURS.value, _("staff hours per week")
    SECONDMENT = rules.FinancingForm.SECONDMENT.value, _("secondment")
    MEETING_HOURS = rules.FinancingForm.MEETING_HOURS.value, _("meeting hours")
    IN_KIND = rules.FinancingForm.IN_KIND.value, _("in kind")


class FinancingLine(TimeStamped):
    """One party's contribution to an effort: an organisation, or a fund named by its name
    (Landsbyggefonden). Money forms give an amount; hours forms give hours per week and a rate."""

    effort = models.ForeignKey(
        Effort,
        verbose_name=_("effort"),
        on_delete=models.CASCADE,
        related_name="financing_lines",
    )
    party = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="financing_lines",
    )
    fund = models.CharField(
        _("fund"),
        max_length=120,
        blank=True,
        help_text=_("Instead of a party: the fund's name, for example Landsbyggefonden."),
    )
    form = models.CharField(_("form"), max_length=16, choices=FinancingForm.choices)
    amount = models.DecimalField(
        _("amount (kr)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    hours_per_week = models.DecimalField(
        _("hours per week"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    hourly_rate = models.DecimalField(
        _("hourly rate (kr)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    weeks = models.DecimalField(
        _("weeks"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty to count every week of the period."),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), help_text=_("The first day after the period."))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["effort", "pk"]
        verbose_name = _("financing line")
        verbose_name_plural = _("financing lines")
        constraints = [
            models.CheckConstraint(
                condition=(Q(party__isnull=False) & Q(fund=""))
                | (Q(party__isnull=True) & ~Q(fund="")),
                name="efforts_financing_party_or_fund",
                violation_error_message=_("Name either a party or a fund, not both."),
            ),
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="efforts_financing_end_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=(Q(amount__isnull=True) | Q(amount__gte=0))
                & (Q(hours_per_week__isnull=True) | Q(hours_per_week__gte=0))
                & (Q(hourly_rate__isnull=True) | Q(hourly_rate__gte=0))
                & (Q(weeks__isnull=True) | Q(weeks__gte=0)),
                name="efforts_financing_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_name}: {self.get_form_display()}"

    @property
    def municipality(self) -> object:
        return self.effort.municipality

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def party_name(self) -> str:
        return self.fund or (self.party.name if self.party is not None else "")

    @property
    def party_key(self) -> str:
        return f"fund:{self.fund}" if self.fund else f"org:{self.party_id}"

    def clean(self) -> None:
        """The admin's check: the same rules as the services (medborger.domain.efforts)."""
        from medborger.efforts.texts import LINE_PROBLEMS

        super().clean()
        if self.start is None or self.end is None or not self.form:
            return
        problems = rules.line_problems(self.as_rule())
        if problems:
            field, message = LINE_PROBLEMS[problems[0]]
            raise ValidationError({field: message} if field else message)

    def as_rule(self) -> rules.FinancingLine:
        return rules.FinancingLine(
            party=self.party_key,
            form=rules.FinancingForm(self.form),
            start=self.start,
            end=self.end,
            is_fund=bool(self.fund),
            amount=self.amount,
            hours_per_week=self.hours_per_week,
            hourly_rate=self.hourly_rate,
            weeks=self.weeks,
        )


class Responsibility(TimeStamped):
    """Who does what in an effort, and where they meet the other partners."""

    effort = models.ForeignKey(
        Effort,
        verbose_name=_("effort"),
        on_delete=models.CASCADE,
        related_name="responsibilities",
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="effort_responsibilities",
    )
    task = models.TextField(_("what they do"), max_length=1000)
    interface = models.TextField(
        _("interface to the other partners"),
        max_length=1000,
        blank=True,
        help_text=_("Where and how they work with the others: meetings, hand-overs, contact."),
    )

    class Meta:
        ordering = ["effort", "pk"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.task[:60]}"

    @property
    def municipality(self) -> object:
        return self.effort.municipality


class GoalContribution(TimeStamped):
    """Something that declares it serves a goal: a funded budget project, an adopted proposal or
    an effort. Limited to the labels in CONTRIBUTION_LABELS."""

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="goal_contributions",
    )
    goal = models.ForeignKey(
        "goals.Goal",
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        related_name="contributions",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind"),
        on_delete=models.CASCADE,
        limit_choices_to=contribution_choices,
    )
    object_id = models.PositiveBigIntegerField(_("id"))
    target = GenericForeignKey("content_type", "object_id")
    how = models.CharField(_("how it serves the goal"), max_length=HOW_MAX, blank=True)

    class Meta:
        ordering = ["goal", "pk"]
        verbose_name = _("goal contribution")
        verbose_name_plural = _("goal contributions")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "content_type", "object_id"],
                name="efforts_goalcontribution_once",
                violation_error_message=_("This already serves the goal."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} → {self.goal_id}"
