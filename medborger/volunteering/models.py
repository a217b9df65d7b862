"""Volunteer teams (frivillige hold, for example Grønne Hold): a programme of teams in several
towns, recurring activities with dated sessions and sign-up, hours per volunteer, the
municipality's contributions per team, and the child-protection register.

The register keeps only that a børneattest was seen, on which day and by whom: never the
certificate itself and never a CPR number. A session's `taken` seats change only under the
session's row lock; a check constraint refuses more sign-ups than seats."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from medborger.core.models import TimeStamped
from medborger.domain.lifecycle import volunteering as rules_domain

NAME_MAX = 150
TEXT_MAX = 5000


class Programme(TimeStamped):
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="volunteer_programmes",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    certificate_months = models.PositiveSmallIntegerField(
        _("months a child-protection certificate is valid"),
        default=rules_domain.DEFAULT_CERTIFICATE_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("volunteer programme")
        verbose_name_plural = _("volunteer programmes")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="volunteering_programme_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("volunteering:programme", args=[self.pk])


class Team(TimeStamped):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="teams"
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="volunteer_teams",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("town or area"),
        on_delete=models.PROTECT,
        related_name="volunteer_teams",
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    requires_certificate = models.BooleanField(
        _("child-protection certificate (børneattest) required"),
        default=False,
        help_text=_("Every activity of the team needs one, for example when children take part."),
    )

    class Meta:
        ordering = ["programme", "name", "pk"]
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="volunteering_team_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("volunteering:team", args=[self.pk])


class MembershipRole(models.TextChoices):
    VOLUNTEER = "volunteer", _("volunteer")
    CONTACT = "contact", _("team contact")


class Membership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="volunteer_memberships",
    )
    role = models.CharField(
        _("role"), max_length=12, choices=MembershipRole.choices, default=MembershipRole.VOLUNTEER
    )
    joined_at = models.DateTimeField(_("joined"))

    class Meta:
        ordering = ["team", "-role", "pk"]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="volunteering_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class FrequencyChoices(models.TextChoices):
    WEEKLY = rules_domain.Frequency.WEEKLY.value, _("every week")
    BIWEEKLY = rules_domain.Frequency.BIWEEKLY.value, _("every second week")
    MONTHLY = rules_domain.Frequency.MONTHLY.value, _("every month")


class ActivitySeries(TimeStamped):
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="series"
    )
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, related_name="volunteer_series"
    )
    title = models.CharField(_("title"), max_length=NAME_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    place = models.CharField(_("meeting place"), max_length=200)
    frequency = models.CharField(_("how often"), max_length=10, choices=FrequencyChoices.choices)
    start_date = models.DateField(_("first day"))
    count = models.PositiveSmallIntegerField(_("number of times"), null=True, blank=True)
    end_date = models.DateField(_("last day"), null=True, blank=True)
    start_time = models.TimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(15), MaxValueValidator(720)]
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    requires_certificate = models.BooleanField(
        _("child-protection certificate (børneattest) required"), default=False
    )

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("recurring activity")
        verbose_name_plural = _("recurring activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(count__isnull=True) ^ Q(end_date__isnull=True),
                name="volunteering_series_one_end",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="volunteering_series_ordered",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="volunteering_series_capacity_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def needs_certificate(self) -> bool:
        return self.requires_certificate or self.team.requires_certificate


class Session(models.Model):
    series = models.ForeignKey(
        ActivitySeries,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, related_name="volunteer_sessions"
    )
    number = models.PositiveSmallIntegerField(_("number in the series"))
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("meeting place"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("places"), null=True, blank=True)
    taken = models.PositiveSmallIntegerField(_("signed up"), default=0, editable=False)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancel_reason = models.CharField(_("why it is cancelled"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], name="volunteering_session_once"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(taken__lte=F("capacity")),
                name="volunteering_session_not_overbooked",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="volunteering_session_ordered"
            ),
            models.CheckConstraint(
                condition=Q(cancelled=False) | ~Q(cancel_reason=""),
                name="volunteering_cancel_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series.title} {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("volunteering:session", args=[self.pk])

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)


class SignUp(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="volunteer_signups",
    )
    signed_up_at = models.DateTimeField(_("signed up"))

    class Meta:
        ordering = ["signed_up_at", "pk"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="volunteering_signup_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.session}"


class HoursStatus(models.TextChoices):
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("not approved")


class HoursEntry(models.Model):
    """Time a volunteer gave at one session. Entered by the team contact or staff (approved at
    once), or by the volunteer (waits for the contact's approval). Only approved hours count."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="hours")
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, related_name="volunteer_hours"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="hours")
    # SET_NULL: the team's and programme's totals stay when an account is deleted.
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="volunteer_hours",
    )
    worked_on = models.DateField(_("day"), db_index=True)
    minutes = models.PositiveSmallIntegerField(pgettext_lazy("duration", "minutes"))
    status = models.CharField(
        _("status"), max_length=10, choices=HoursStatus.choices, default=HoursStatus.PENDING
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-worked_on", "pk"]
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        indexes = [models.Index(fields=["team", "status", "worked_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "volunteer"],
                condition=Q(volunteer__isnull=False),
                name="volunteering_hours_once_per_session",
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=rules_domain.MAX_MINUTES),
                name="volunteering_hours_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer}: {self.minutes} min ({self.worked_on})"

    @property
    def hours(self) -> float:
        return self.minutes / 60


class ContributionKind(models.TextChoices):
    MONEY = "money", _("money")
    EQUIPMENT = "equipment", _("equipment")
    FUEL = "fuel", _("fuel money (kørepenge)")
    OTHER = "other", _("other")


MONEY_KINDS = [ContributionKind.MONEY.value, ContributionKind.FUEL.value]


class Contribution(models.Model):
    """One line of the municipality's ledger for a team: money in kr, or things by quantity."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="contributions")
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, related_name="volunteer_contributions"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    description = models.CharField(_("what"), max_length=200)
    amount = models.PositiveIntegerField(_("amount (kr)"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    given_on = models.DateField(_("date"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    entered_at = models.DateTimeField()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=MONEY_KINDS) | Q(amount__gte=1),
                name="volunteering_money_has_amount",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ContributionKind.EQUIPMENT.value)
                | (Q(quantity__gte=1) & ~Q(unit="")),
                name="volunteering_equipment_has_quantity",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=False) | Q(quantity__isnull=False),
                name="volunteering_contribution_has_size",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class CertificateCheck(models.Model):
    """That a volunteer's child-protection certificate (børneattest) was seen, and when. The
    certificate itself and any CPR number are never stored."""

    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, related_name="certificate_checks"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("volunteer"),
        on_delete=models.CASCADE,
        related_name="certificate_checks",
    )
    checked_on = models.DateField(_("checked on"))
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("child-protection certificate check")
        verbose_name_plural = _("child-protection certificate checks")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "volunteer"], name="volunteering_certificate_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer}: {self.checked_on}"
