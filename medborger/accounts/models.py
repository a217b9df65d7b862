"""People: the user account, a verified eID identity, and roles per municipality."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from medborger.places.models import LANGUAGE_CHOICES, AssuranceLevel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create(email, password, **extra)


class NotificationFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("an email for each event")
    DAILY = "daily", _("one daily digest")
    NEVER = "never", _("no email, only on the site")


class User(AbstractUser):
    """Signs in with an email address. `name` is what others see next to contributions."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    # Empty for an account made by an eID log-in until the person adds an address.
    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)  # type: ignore[assignment]
    name = models.CharField(_("name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("language"), max_length=5, choices=LANGUAGE_CHOICES, blank=True
    )
    notification_frequency = models.CharField(
        _("email notifications"),
        max_length=12,
        choices=NotificationFrequency.choices,
        default=NotificationFrequency.IMMEDIATE,
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.email or f"#{self.pk}"

    @property
    def display_name(self) -> str:
        return self.name or str(_("Resident"))


class Identity(models.Model):
    """A verified eID for a user. The national id itself is never stored, only its person key."""

    user = models.OneToOneField(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="identity"
    )
    person_key = models.CharField(_("person key"), max_length=64, unique=True, editable=False)
    # HMAC of name and birth date: finds the same person on a paper signature sheet.
    match_key = models.CharField(  # noqa: DJ001 - NULL: "no key", never equal to another NULL
        max_length=64, null=True, blank=True, editable=False, db_index=True
    )
    provider = models.CharField(_("eID provider"), max_length=60)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    residence_municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality of residence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    residence_area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area of residence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assurance_level = models.PositiveSmallIntegerField(
        _("level of assurance"), choices=AssuranceLevel.choices
    )
    verified_at = models.DateTimeField(_("verified"))

    class Meta:
        verbose_name = _("verified identity")
        verbose_name_plural = _("verified identities")

    def __str__(self) -> str:
        return f"{self.provider} · {self.get_assurance_level_display()}"


class Role(models.TextChoices):
    RESIDENT = "resident", _("resident")
    MODERATOR = "moderator", _("moderator")
    CASE_OFFICER = "case_officer", _("case officer")
    COMMITTEE_SECRETARY = "committee_secretary", _("committee secretary")
    POLITICIAN = "politician", _("politician")
    MUNICIPAL_ADMIN = "municipal_admin", _("municipal administrator")
    PLATFORM_ADMIN = "platform_admin", _("platform administrator")


STAFF_ROLES = frozenset(
    {
        Role.MODERATOR,
        Role.CASE_OFFICER,
        Role.COMMITTEE_SECRETARY,
        Role.MUNICIPAL_ADMIN,
        Role.PLATFORM_ADMIN,
    }
)
# Politicians are not municipal staff, but their accounts act with authority: they too need MFA.
MFA_ROLES = STAFF_ROLES | {Role.POLITICIAN}


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        help_text=_("Empty only for platform administrators."),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    granted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality", "role"], name="role_once_per_municipality"
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(municipality__isnull=True),
                name="platform_role_once",
            ),
            models.CheckConstraint(
                condition=(Q(role=Role.PLATFORM_ADMIN) & Q(municipality__isnull=True))
                | (~Q(role=Role.PLATFORM_ADMIN) & Q(municipality__isnull=False)),
                name="role_scope_matches",
                violation_error_message=_(
                    "Platform administrators have no municipality; every other role has one."
                ),
            ),
        ]

    def __str__(self) -> str:
        where = self.municipality or _("all municipalities")
        return f"{self.user} · {self.get_role_display()} · {where}"


class EidProvider(models.Model):
    """A national eID broker reached through OpenID Connect (MitID, BankID, Freja eID).

    django-allauth's openid_connect provider does the protocol; this row tells it, per
    municipality, where the broker is and which claim carries the national id.
    """

    class Scheme(models.TextChoices):
        DK_CPR = "dk-cpr", _("Danish CPR number")
        SE_PNR = "se-pnr", _("Swedish personnummer")
        SUBJECT = "subject", _("the broker's own subject id")

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="eid_providers",
    )
    slug = models.SlugField(
        _("provider id"),
        max_length=60,
        unique=True,
        help_text=_("Part of the callback URL, for example mitid-lyngholt."),
    )
    name = models.CharField(_("button text"), max_length=80, help_text=_("For example MitID."))
    server_url = models.URLField(_("issuer URL"))
    client_id = models.CharField(_("client id"), max_length=200)
    client_secret = models.CharField(_("client secret"), max_length=400)
    national_id_claim = models.CharField(
        _("claim with the national id"),
        max_length=100,
        blank=True,
        help_text=_("For example dk.cpr or personalIdentityNumber. Empty: use the subject."),
    )
    scheme = models.CharField(_("identifier"), max_length=10, choices=Scheme.choices)
    birth_date_claim = models.CharField(_("claim with the birth date"), max_length=100, blank=True)
    assurance_level = models.PositiveSmallIntegerField(
        _("level of assurance"), choices=AssuranceLevel.choices, default=AssuranceLevel.SUBSTANTIAL
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    class Meta:
        verbose_name = _("eID provider")
        verbose_name_plural = _("eID providers")

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"
