"""The fast-track pool (hurtig-pulje / snabbpott): a standing pool of money for small local
projects, applied for at any time and decided by an official within a deadline.

The pool keeps the sum of its grants in `granted`, changed only under a row lock on the pool;
a check constraint makes the database refuse a pool that grants more than it holds. A group
needs no CVR number: a named responsible person receives the money."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped
from medborger.domain.lifecycle import fasttrack as lifecycle
from medborger.domain.lifecycle.fasttrack import GRANTED, State
from medborger.fasttrack.texts import kroner

TITLE_MAX = 120
DESCRIPTION_MAX = 3000
REASON_MAX = 2000
REPORT_MAX = 3000

GRANTED_VALUES = sorted(s.value for s in GRANTED)  # sorted: a stable migration
PAID_VALUES = [State.PAID.value, State.REPORTED.value]


class StateChoices(models.TextChoices):
    SUBMITTED = State.SUBMITTED.value, _("submitted")
    APPROVED = State.APPROVED.value, _("approved")
    REJECTED = State.REJECTED.value, _("rejected")
    PAID = State.PAID.value, _("paid out")
    REPORTED = State.REPORTED.value, _("reported")


class FastTrackPool(TimeStamped):
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="fasttrack_pools",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fasttrack_pools",
        help_text=_("Leave empty for a pool for the whole municipality."),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.PositiveIntegerField(
        _("amount in the pool (kr)"),
        default=lifecycle.DEFAULT_AMOUNT,
        validators=[MinValueValidator(1)],
    )
    project_cap = models.PositiveIntegerField(
        _("most per project (kr)"),
        default=lifecycle.DEFAULT_CAP,
        validators=[MinValueValidator(1)],
    )
    decision_days = models.PositiveSmallIntegerField(
        _("days to decide"),
        default=lifecycle.DEFAULT_DECISION_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    report_days = models.PositiveSmallIntegerField(
        _("days after the activity to send the report"),
        default=lifecycle.DEFAULT_REPORT_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    description = models.TextField(
        _("what the pool supports and how to apply"),
        blank=True,
        help_text=_("Shown on the pool's page. You can use simple markdown."),
    )
    accepts_applications = models.BooleanField(_("open for applications"), default=True)
    granted = models.PositiveIntegerField(_("granted so far (kr)"), default=0, editable=False)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("fast-track pool")
        verbose_name_plural = _("fast-track pools")
        constraints = [
            models.CheckConstraint(
                condition=Q(granted__lte=F("amount")),
                name="fasttrack_pool_not_overspent",
                violation_error_message=_("The pool cannot grant more than it holds."),
            ),
            models.CheckConstraint(
                condition=Q(project_cap__lte=F("amount")),
                name="fasttrack_pool_cap_within_amount",
                violation_error_message=_(
                    "The most per project cannot be more than the amount in the pool."
                ),
            ),
            models.UniqueConstraint(
                fields=["municipality", "area", "year"], name="fasttrack_pool_once_per_area_year"
            ),
            models.UniqueConstraint(
                fields=["municipality", "year"],
                condition=Q(area__isnull=True),
                name="fasttrack_pool_once_per_municipality_year",
                violation_error_message=_(
                    "The municipality already has a pool for the whole municipality this year."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fasttrack:pool", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.amount is not None and self.amount < self.granted:
            raise ValidationError(
                {
                    "amount": _(
                        "%(granted)s is already granted from the pool; the amount cannot be lower."
                    )
                    % {"granted": kroner(self.granted, self.municipality.country)}
                }
            )

    @property
    def remaining(self) -> int:
        return lifecycle.remaining(self.amount, self.granted)


class Application(TimeStamped):
    pool = models.ForeignKey(
        FastTrackPool,
        verbose_name=_("pool"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="fasttrack_applications",
    )
    # SET_NULL: a decided grant stays public (and in the books) when the account is deleted.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fasttrack_applications",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("what will happen"), max_length=DESCRIPTION_MAX)
    activity_date = models.DateField(_("when"))
    place = models.CharField(_("where"), max_length=200)
    amount_requested = models.PositiveIntegerField(_("amount applied for (kr)"))
    group_name = models.CharField(_("group or association"), max_length=150, blank=True)
    responsible_name = models.CharField(_("responsible person"), max_length=150)
    responsible_phone = models.CharField(_("phone"), max_length=30, blank=True)
    responsible_email = models.EmailField(_("email"), blank=True)
    state = models.CharField(
        _("status"),
        max_length=12,
        choices=StateChoices.choices,
        default=StateChoices.SUBMITTED,
        db_index=True,
    )
    submitted_at = models.DateTimeField(_("submitted"))
    decision_due = models.DateTimeField(_("decision due"), db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_amount = models.PositiveIntegerField(_("amount granted (kr)"), null=True, blank=True)
    decision_reason = models.TextField(
        _("reason for the decision"), max_length=REASON_MAX, blank=True
    )
    paid_on = models.DateField(_("paid out on"), null=True, blank=True)
    paid_amount = models.PositiveIntegerField(_("amount paid out (kr)"), null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payout recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    payout_recorded_at = models.DateTimeField(null=True, blank=True)
    report_due = models.DateField(_("report due"), null=True, blank=True, db_index=True)
    report_text = models.TextField(_("report"), max_length=REPORT_MAX, blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("fast-track application")
        verbose_name_plural = _("fast-track applications")
        indexes = [
            models.Index(fields=["municipality", "state", "decision_due"]),
            models.Index(fields=["pool", "state", "-decided_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_requested__gte=1), name="fasttrack_requested_positive"
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True)
                | (Q(granted_amount__gte=1) & Q(granted_amount__lte=F("amount_requested"))),
                name="fasttrack_granted_within_requested",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=GRANTED_VALUES) | Q(granted_amount__isnull=False),
                name="fasttrack_granted_has_amount",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.REJECTED.value) | ~Q(decision_reason=""),
                name="fasttrack_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(responsible_name="")
                & (~Q(responsible_phone="") | ~Q(responsible_email="")),
                name="fasttrack_responsible_person_reachable",
            ),
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True)
                | (Q(paid_amount__gte=1) & Q(paid_amount__lte=F("granted_amount"))),
                name="fasttrack_paid_within_granted",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=PAID_VALUES)
                | (Q(paid_on__isnull=False) & Q(paid_amount__isnull=False)),
                name="fasttrack_paid_has_payout",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("fasttrack:detail", args=[self.pk])

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def is_decided(self) -> bool:
        return self.state_enum in lifecycle.DECIDED

    def status(self, *, now: Any, today: Any) -> str:
        """The stored state, or "decision_overdue" / "report_overdue"."""
        return lifecycle.derived_status(
            self.state_enum,
            decision_due_at=self.decision_due,
            report_due_on=self.report_due,
            now=now,
            today=today,
        ).value


class ReportPhoto(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="fasttrack/reports/")
    description = models.CharField(_("what the photo shows"), max_length=200)
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")

    def __str__(self) -> str:
        return self.description
