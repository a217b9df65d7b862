"""Implementation tracking: what happens to a participatory-budget project after it is funded.

Each funded `budgeting.BudgetProject` gets one `Delivery`: its status, the responsible staff
member, the budget (the project's cost), what has been spent, milestones and public updates with
photos. The deadlines (a visible result within three months, the money spent within a year)
count from the day voting closed; `DeliveryRules` lets a municipality change the months.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped
from medborger.domain.lifecycle import implementation as rules

PURPOSE_MAX = 200
TITLE_MAX = 200
UPDATE_MAX = 5000
REASON_MAX = 1000
ALT_MAX = 250


class DeliveryRules(TimeStamped):
    """One municipality's deadlines for funded projects (Teece: 3 and 12 months)."""

    municipality = models.OneToOneField(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="delivery_rules",
    )
    visible_result_months = models.PositiveSmallIntegerField(
        _("months to a visible result"),
        default=rules.VISIBLE_RESULT_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Counted from the day voting closed."),
    )
    spend_months = models.PositiveSmallIntegerField(
        _("months to spend the money"),
        default=rules.SPEND_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Counted from the day voting closed."),
    )
    warn_days = models.PositiveSmallIntegerField(
        _("days of warning before a deadline"),
        default=rules.WARN_DAYS,
        validators=[MaxValueValidator(90)],
        help_text=_("The staff overview marks a project amber this many days before."),
    )

    class Meta:
        verbose_name = _("deadlines for funded projects")
        verbose_name_plural = _("deadlines for funded projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(visible_result_months__gte=1) & Q(spend_months__gte=1),
                name="delivery_rules_months_positive",
                violation_error_message=_("Deadlines are at least one month."),
            )
        ]

    def __str__(self) -> str:
        return str(self.municipality)


class Delivery(TimeStamped):
    """The carrying out of one funded project. Residents follow it; staff keep it up to date."""

    class Status(models.TextChoices):
        PLANNED = rules.Status.PLANNED.value, _("planned")
        IN_PROGRESS = rules.Status.IN_PROGRESS.value, _("in progress")
        VISIBLE_RESULT = rules.Status.VISIBLE_RESULT.value, _("visible result")
        DONE = rules.Status.DONE.value, _("done")
        PAUSED = rules.Status.PAUSED.value, _("delayed or paused")

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    project = models.OneToOneField(
        "budgeting.BudgetProject",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="delivery",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    status_reason = models.TextField(
        _("why it is delayed or paused"), max_length=REASON_MAX, blank=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible staff member"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries_responsible",
    )
    budget = models.PositiveBigIntegerField(_("budget (kr)"))
    started_on = models.DateField(_("started"))
    visible_result_on = models.DateField(_("first visible result"), null=True, blank=True)
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["project_id"]
        verbose_name = _("project delivery")
        verbose_name_plural = _("project deliveries")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="paused") | ~Q(status_reason=""),
                name="delivery_paused_has_reason",
                violation_error_message=_("Say why the project is delayed or paused."),
            ),
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | Q(status="done"),
                name="delivery_done_date_only_when_done",
            ),
        ]

    def __str__(self) -> str:
        return self.project.title if self.project_id else str(self.pk)

    def get_absolute_url(self) -> str:
        return reverse("implementation:detail", args=[self.project_id])


class SpendEntry(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="spend_entries")
    spent_on = models.DateField(_("date"))
    amount = models.DecimalField(_("amount (kr)"), max_digits=12, decimal_places=2)
    purpose = models.CharField(_("what for"), max_length=PURPOSE_MAX)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="delivery_spend_entries",
    )
    entered_at = models.DateTimeField(_("entered"))

    class Meta:
        ordering = ["spent_on", "pk"]
        verbose_name = _("spending")
        verbose_name_plural = _("spending")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="delivery_spend_positive",
                violation_error_message=_("An amount is more than 0 kr."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.spent_on} {self.amount} {self.purpose}"


class Milestone(models.Model):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=TITLE_MAX)
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class Update(models.Model):
    """A public progress note from staff. Followers are told when one is posted."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="updates")
    text = models.TextField(_("text"), max_length=UPDATE_MAX)
    published_at = models.DateTimeField(_("published"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="delivery_updates",
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return self.text[:60]


class UpdatePhoto(models.Model):
    update = models.ForeignKey(Update, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="implementation/%Y/%m/")
    alt_text = models.CharField(_("what the photo shows"), max_length=ALT_MAX)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = [
            models.CheckConstraint(
                condition=~Q(alt_text=""),
                name="delivery_photo_has_alt_text",
                violation_error_message=_("Describe what the photo shows."),
            )
        ]

    def __str__(self) -> str:
        return self.alt_text
