"""Municipalities and what belongs to them: areas, committees, organisations, info pages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped
from medborger.places import validators

LANGUAGE_CHOICES = [("da", "Dansk"), ("sv", "Svenska"), ("en", "English")]


class Country(models.TextChoices):
    DENMARK = "DK", _("Denmark")
    SWEDEN = "SE", _("Sweden")


class AssuranceLevel(models.IntegerChoices):
    """eIDAS levels of assurance; MitID and BankID log-ins are 'substantial' or 'high'."""

    NONE = 0, _("not verified")
    LOW = 1, _("low")
    SUBSTANTIAL = 2, _("substantial")
    HIGH = 3, _("high")


class Municipality(TimeStamped):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    hosts = models.TextField(
        _("host names"),
        blank=True,
        help_text=_("One host name per line, for example medborger.kommune.dk."),
    )
    default_language = models.CharField(
        _("default language"), max_length=5, choices=LANGUAGE_CHOICES, default="da"
    )
    languages = models.JSONField(
        _("languages offered"),
        default=validators.default_languages,
        validators=[validators.validate_languages],
    )
    intro = models.TextField(_("introduction on the front page"), blank=True)
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        default="#004993",
        validators=[validators.validate_readable_on_white],
        help_text=_("Used for the header and buttons. White text must be readable on it."),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#0059b3",
        validators=[validators.validate_readable_on_white],
    )
    logo = models.ImageField(
        _("logo"), upload_to="logos/", blank=True, validators=[validators.validate_image_size]
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Default eligibility rules; each process may narrow them.
    min_age_propose = models.PositiveSmallIntegerField(_("minimum age to propose"), default=15)
    min_age_budget = models.PositiveSmallIntegerField(
        _("minimum age to vote on budgets"), default=10
    )
    required_assurance = models.PositiveSmallIntegerField(
        _("verification required to support and vote"),
        choices=AssuranceLevel.choices,
        default=AssuranceLevel.SUBSTANTIAL,
    )
    comment_auto_hide_reports = models.PositiveSmallIntegerField(
        _("hide a comment after this many reports"), default=3
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name

    def host_list(self) -> list[str]:
        return [h.strip().lower() for h in self.hosts.splitlines() if h.strip()]

    def clean(self) -> None:
        taken = {
            host
            for other in Municipality.objects.exclude(pk=self.pk).only("hosts")
            for host in other.host_list()
        }
        clashes = sorted(set(self.host_list()) & taken)
        if clashes:
            raise ValidationError(
                {
                    "hosts": _("Another municipality already uses: %(hosts)s")
                    % {"hosts": ", ".join(clashes)}
                }
            )
        if self.default_language not in (self.languages or []):
            raise ValidationError(
                {
                    "default_language": _(
                        "The default language must be one of the languages offered."
                    )
                }
            )


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("whole municipality")
    DISTRICT = "district", _("district")
    TOWN = "town", _("town")
    HOUSING_AREA = "housing_area", _("housing area")
    PARISH = "parish", _("parish")


class Area(TimeStamped):
    """A part of a municipality. Population figures feed the thresholds of later processes."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.CASCADE, related_name="areas"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    population_total = models.PositiveIntegerField(_("residents in total"), default=0)
    population_10_plus = models.PositiveIntegerField(_("residents aged 10 or more"), default=0)
    population_15_plus = models.PositiveIntegerField(_("residents aged 15 or more"), default=0)
    population_18_plus = models.PositiveIntegerField(_("residents aged 18 or more"), default=0)
    population_date = models.DateField(_("population counted on"), null=True, blank=True)
    boundary = models.JSONField(
        _("boundary (GeoJSON)"), null=True, blank=True, validators=[validators.validate_geojson]
    )

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="area_slug_unique"),
            models.CheckConstraint(
                condition=Q(population_total__gte=F("population_10_plus"))
                & Q(population_10_plus__gte=F("population_15_plus"))
                & Q(population_15_plus__gte=F("population_18_plus")),
                name="area_population_ordered",
                violation_error_message=_(
                    "Population figures must shrink with age: total ≥ 10+ ≥ 15+ ≥ 18+."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.parent and self.parent.municipality_id != self.municipality_id:
            raise ValidationError({"parent": _("The parent area belongs to another municipality.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("An area cannot be part of itself.")})
            ancestor = ancestor.parent

    def population_aged(self, minimum_age: int) -> int:
        """Residents at or above an age, from the nearest age band at or below it."""
        if minimum_age >= 18:
            return self.population_18_plus
        if minimum_age >= 15:
            return self.population_15_plus
        if minimum_age >= 10:
            return self.population_10_plus
        return self.population_total


class Committee(TimeStamped):
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="committees",
    )
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("short name"), max_length=80)
    is_council = models.BooleanField(
        _("this is the council"),
        default=False,
        help_text=_("The municipal council (byråd / kommunfullmäktige) itself."),
    )
    description = models.TextField(_("description"), blank=True)
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("committee secretary"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="committees_as_secretary",
    )
    members = models.ManyToManyField(  # type: ignore[var-annotated]
        settings.AUTH_USER_MODEL,
        through="CommitteeMembership",
        related_name="committees",
        verbose_name=_("members"),
        blank=True,
    )

    class Meta:
        ordering = ["municipality", "-is_council", "name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="committee_slug_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeMembership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice chair")
        MEMBER = "member", _("member")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="committee_memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    party = models.CharField(_("party"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], name="committee_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Organisation(TimeStamped):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("association")
        HOUSING = "housing", _("housing organisation")
        COMPANY = "company", _("company")
        PUBLIC = "public", _("public body")
        GROUP = "group", _("initiative group")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="organisations",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    registration_number = models.CharField(
        _("CVR or organisationsnummer"),
        max_length=20,
        blank=True,
        help_text=_("Optional. Groups without a number name a responsible person instead."),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations_responsible_for",
    )

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.registration_number and self.municipality_id:
            validators.validate_registration_number(
                self.registration_number, self.municipality.country
            )


class InfoPage(TimeStamped):
    """A page the municipal admin writes: contact, privacy notice, accessibility statement."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("contact")
        PRIVACY = "privacy", _("privacy notice")
        ACCESSIBILITY = "accessibility", _("accessibility statement")
        ABOUT = "about", _("about the platform")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="info_pages",
    )
    kind = models.CharField(_("page"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown: headings with #, lists with -."))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["municipality", "kind", "language"]
        verbose_name = _("info page")
        verbose_name_plural = _("info pages")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "language"], name="info_page_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"
