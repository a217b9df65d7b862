"""Citizens' meetings (borgermøder / medborgarmöten) and the open plenum.

A meeting has a place with accessibility information, an optional online link and an optional
capacity. Registrations hold a seat or a place on the waiting list; the seat count is only
changed under a row lock on the meeting, so a cancellation promotes exactly one person.

The open plenum (åben plenum / öppet plenum) is a meeting of kind OPEN_PLENUM: residents ask
for a speaking slot, the committee secretary allocates slots and publishes the running order."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from medborger.core.models import TimeStamped

TITLE_MAX = 160
DESCRIPTION_MAX = 5000
SUMMARY_MAX = 1000
REASON_MAX = 1000


class MeetingKind(models.TextChoices):
    CITIZENS = "citizens", _("citizens' meeting")
    WORKSHOP = "workshop", _("workshop")
    OPEN_PLENUM = "open_plenum", _("open plenum in the council chamber")
    BUDGET_DECISION = "budget_decision", _("public decision meeting for a participatory budget")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    CANCELLED = "cancelled", _("cancelled")
    HELD = "held", _("held")


class Meeting(TimeStamped):
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Leave empty for a meeting for the whole municipality."),
    )
    kind = models.CharField(
        _("kind of meeting"), max_length=20, choices=MeetingKind.choices, db_index=True
    )
    budget_process = models.ForeignKey(
        "budgeting.BudgetProcess",
        verbose_name=_("participatory budget"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Only for a public decision meeting for a participatory budget."),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX, blank=True)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_notes = models.TextField(
        _("more about access"),
        max_length=2000,
        blank=True,
        help_text=_("For example parking, toilets, seating or sign language interpretation."),
    )
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(
        _("seats"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no limit."),
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
        db_index=True,
    )
    # Seats taken, changed only under select_for_update on this row.
    registered_count = models.PositiveIntegerField(_("registered"), default=0, editable=False)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published"), null=True, blank=True)
    attendance_count = models.PositiveIntegerField(_("people who attended"), null=True, blank=True)
    # Open plenum: requests for speaking slots, and the published running order.
    accepts_slot_requests = models.BooleanField(
        _("open for speaking slot requests"),
        default=False,
        help_text=_("Only for an open plenum."),
    )
    running_order_published_at = models.DateTimeField(
        _("running order published"), null=True, blank=True
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["municipality", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(registered_count__lte=F("capacity")),
                name="meeting_not_overbooked",
                violation_error_message=_("A meeting cannot have more registered than seats."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The seat count belongs to the services (under the row lock): a save from a form or the
        # admin, made from a copy read earlier, must not write an old count back.
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name != "registered_count"
            ]
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A meeting must end after it starts.")
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            errors["registration_closes"] = _("Registration must close after it opens.")
        if (
            self.area is not None
            and self.municipality_id
            and self.area.municipality_id != self.municipality_id
        ):
            errors["area"] = _("The area belongs to another municipality.")
        if (
            self.budget_process is not None
            and self.municipality_id
            and self.budget_process.municipality_id != self.municipality_id
        ):
            errors["budget_process"] = _(
                "The participatory budget belongs to another municipality."
            )
        if self.capacity is not None and self.capacity < self.registered_count:
            errors["capacity"] = _(
                "%(count)s people already hold a seat; the number of seats cannot be lower."
            ) % {"count": self.registered_count}
        if errors:
            raise ValidationError(errors)

    @property
    def is_plenum(self) -> bool:
        return self.kind == MeetingKind.OPEN_PLENUM

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.registered_count, 0)

    @property
    def minutes_published(self) -> bool:
        return self.minutes_published_at is not None

    @property
    def running_order_published(self) -> bool:
        return self.running_order_published_at is not None


class RegistrationState(models.TextChoices):
    REGISTERED = "registered", _("registered")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class Registration(TimeStamped):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="meeting_registrations",
    )
    state = models.CharField(
        _("status"), max_length=12, choices=RegistrationState.choices, db_index=True
    )
    # Order on the waiting list: the moment the person joined it.
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    registered_at = models.DateTimeField(_("seat given"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=~Q(state="cancelled"),
                name="meeting_registration_once",
                violation_error_message=_("You are already registered for this meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.user}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    linked_type = models.ForeignKey(
        "contenttypes.ContentType",
        verbose_name=_("linked to (kind)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    linked_id = models.PositiveBigIntegerField(_("linked to (number)"), null=True, blank=True)
    linked = GenericForeignKey("linked_type", "linked_id")

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        from medborger.meetings.links import validate_link

        validate_link(self)


class SlotState(models.TextChoices):
    REQUESTED = "requested", _("requested")
    ALLOCATED = "allocated", _("slot given")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn")


class SpeakingSlot(TimeStamped):
    """A resident's request for a speaking slot at an open plenum, and the slot if given."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("open plenum"), on_delete=models.CASCADE, related_name="slots"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.CASCADE,
        related_name="speaking_slots",
    )
    title = models.CharField(_("what you want to present"), max_length=TITLE_MAX)
    summary = models.TextField(_("short summary"), max_length=SUMMARY_MAX)
    proposal = models.ForeignKey(
        "proposals.Proposal",
        verbose_name=_("citizen proposal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaking_slots",
    )
    state = models.CharField(
        _("status"),
        max_length=12,
        choices=SlotState.choices,
        default=SlotState.REQUESTED,
        db_index=True,
    )
    position = models.PositiveSmallIntegerField(_("order"), null=True, blank=True)
    minutes_allotted = models.PositiveSmallIntegerField(
        pgettext_lazy("duration", "minutes"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    decline_reason = models.TextField(_("reason"), max_length=REASON_MAX, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("speaking slot")
        verbose_name_plural = _("speaking slots")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "requester"],
                condition=Q(state__in=["requested", "allocated"]),
                name="speaking_slot_once_per_plenum",
                violation_error_message=_("You have already asked for a slot at this plenum."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
