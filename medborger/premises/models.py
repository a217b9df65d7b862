"""Municipal premises (lokaler): rooms in municipal buildings, whole buildings standing empty and
outdoor areas that associations and social or cultural entrepreneurs may use (Alingsås).

A `BookingRequest` asks for one or more `Booking` rows (a one-off, or every week until a date).
Each booking copies the request's state, so "the approved bookings of a room" is one indexed
query, and on PostgreSQL an exclusion constraint (migration 0002, btree_gist) refuses two
approved bookings of the same premises that overlap. The services lock the premises row before
they approve, so the constraint is the last guard, not the first."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped
from medborger.domain.lifecycle.premises import State, time_zone_for

NAME_MAX = 150
TITLE_MAX = 120
PURPOSE_MAX = 2000
REASON_MAX = 2000
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")


def validate_photo(upload: object) -> None:
    """A photo of a premises: JPEG, PNG or WebP as Pillow reads it, at most 5 MB."""
    size = getattr(upload, "size", 0) or 0
    if size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is too large (%(size)s MB). The limit is %(limit)s MB."),
            code="too_large",
            params={"size": f"{size / 1024 / 1024:.1f}", "limit": PHOTO_MAX_BYTES // 1024 // 1024},
        )
    # The admin's form field opened the upload with Pillow and left it on the file as `image`;
    # on the model the upload sits inside a FieldFile.
    image = getattr(upload, "image", None) or getattr(getattr(upload, "file", None), "image", None)
    pillow_format = getattr(image, "format", None)
    if image is not None and pillow_format not in PHOTO_FORMATS:
        raise ValidationError(
            _("The photo is a %(format)s file. Use JPEG, PNG or WebP."),
            code="invalid_type",
            params={"format": pillow_format or "?"},
        )


class Kind(models.TextChoices):
    ROOM = "room", _("room in a municipal building")
    BUILDING = "building", _("whole building standing empty")
    OUTDOOR = "outdoor", _("outdoor area")


class StateChoices(models.TextChoices):
    REQUESTED = State.REQUESTED.value, _("waiting for a decision")
    APPROVED = State.APPROVED.value, _("approved")
    REJECTED = State.REJECTED.value, _("rejected")
    CANCELLED = State.CANCELLED.value, _("cancelled")


class RequesterKind(models.TextChoices):
    ASSOCIATION = "association", _("association")
    ENTREPRENEUR = "entrepreneur", _("social or cultural entrepreneur")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Premises(TimeStamped):
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="premises",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="premises",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.ROOM)
    name = models.CharField(_("name"), max_length=NAME_MAX)
    address = models.CharField(_("address"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("You can use simple markdown.")
    )
    capacity = models.PositiveIntegerField(
        _("capacity (people)"), validators=[MinValueValidator(1), MaxValueValidator(100_000)]
    )
    step_free = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    accessibility_notes = models.CharField(_("more about access"), max_length=300, blank=True)
    conditions = models.TextField(
        _("conditions of use"),
        help_text=_(
            "Rent or free, keys, cleaning, and who may use it, for example associations and "
            "social or cultural entrepreneurs. You can use simple markdown."
        ),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown to residents and open for requests.")
    )
    photo = models.ImageField(
        _("photo"),
        upload_to="premises/",
        blank=True,
        validators=[validate_photo],
        help_text=_("Optional. JPEG, PNG or WebP, at most 5 MB."),
    )
    photo_description = models.CharField(_("what the photo shows"), max_length=200, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("premises")
        verbose_name_plural = _("premises")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="premises_capacity_positive"),
            models.CheckConstraint(
                condition=Q(photo="") | ~Q(photo_description=""),
                name="premises_photo_described",
                violation_error_message=_("Describe the photo for people who cannot see it."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("premises:detail", args=[self.pk])

    @property
    def zone(self):  # type: ignore[no-untyped-def]
        return time_zone_for(self.municipality.country)


class OpeningHours(models.Model):
    """When a premises can be booked on one weekday (local time). A weekday without a row is
    closed."""

    premises = models.ForeignKey(
        Premises, verbose_name=_("premises"), on_delete=models.CASCADE, related_name="hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"), help_text=_("Write 23:59 for open until midnight."))

    class Meta:
        ordering = ["premises", "weekday"]
        verbose_name = _("bookable hours")
        verbose_name_plural = _("bookable hours")
        constraints = [
            models.UniqueConstraint(fields=["premises", "weekday"], name="premises_hours_once"),
            models.CheckConstraint(
                condition=Q(opens__lt=F("closes")),
                name="premises_hours_ordered",
                violation_error_message=_("The place must open before it closes."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"


class BookingRequest(TimeStamped):
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="booking_requests",
    )
    premises = models.ForeignKey(
        Premises,
        verbose_name=_("premises"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    # SET_NULL: an approved booking stays in the public calendar when the account is deleted.
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking_requests",
    )
    requester_kind = models.CharField(
        _("on behalf of"), max_length=12, choices=RequesterKind.choices
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("association"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booking_requests",
    )
    initiative_name = models.CharField(
        _("initiative or enterprise"), max_length=NAME_MAX, blank=True
    )
    responsible_name = models.CharField(_("responsible person"), max_length=150)
    responsible_phone = models.CharField(_("phone"), max_length=30, blank=True)
    responsible_email = models.EmailField(_("email"), blank=True)
    title = models.CharField(_("activity"), max_length=TITLE_MAX)
    purpose = models.TextField(_("purpose"), max_length=PURPOSE_MAX)
    participants = models.PositiveIntegerField(_("expected participants"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    repeat_until = models.DateField(_("every week until"), null=True, blank=True)
    state = models.CharField(
        _("status"),
        max_length=10,
        choices=StateChoices.choices,
        default=StateChoices.REQUESTED,
        db_index=True,
    )
    requested_at = models.DateTimeField(_("requested"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason"), max_length=REASON_MAX, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("booking request")
        verbose_name_plural = _("booking requests")
        indexes = [models.Index(fields=["municipality", "state", "requested_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="premises_request_ordered"
            ),
            models.CheckConstraint(
                condition=Q(participants__gte=1), name="premises_request_participants"
            ),
            models.CheckConstraint(
                condition=~Q(state=State.REJECTED.value) | ~Q(decision_reason=""),
                name="premises_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(responsible_name="")
                & (~Q(responsible_phone="") | ~Q(responsible_email="")),
                name="premises_responsible_person_reachable",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("premises:request", args=[self.pk])

    @property
    def holder(self) -> str:
        """Who uses the room, as the public calendar shows it: the association or the
        initiative, never the responsible person's own name."""
        if self.organisation_id is not None and self.organisation is not None:
            return self.organisation.name
        return self.initiative_name


class Booking(models.Model):
    """One occurrence of a request. `state` follows the request's state (the services change
    both in one transaction)."""

    request = models.ForeignKey(BookingRequest, on_delete=models.CASCADE, related_name="bookings")
    premises = models.ForeignKey(Premises, on_delete=models.PROTECT, related_name="bookings")
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, related_name="premises_bookings"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    state = models.CharField(
        _("status"), max_length=10, choices=StateChoices.choices, default=StateChoices.REQUESTED
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["premises", "state", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="premises_booking_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.starts_at:%Y-%m-%d %H:%M}"
