"""Citizen proposals (borgerforslag / medborgarförslag): rules, proposals, supports, timeline."""

from __future__ import annotations

import uuid
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped
from medborger.domain.lifecycle.proposals import PUBLIC, Rules, State
from medborger.domain.numbers import whole_number
from medborger.places.models import AssuranceLevel

TITLE_MAX = 120
SUMMARY_MAX = 500
BODY_MAX = 10_000


class ProposalRules(TimeStamped):
    """One municipality's scheme, edited by the municipal admin and shown on the public rules page."""

    class ThresholdKind(models.TextChoices):
        ABSOLUTE = "absolute", _("a fixed number of supports")
        SHARE = "share", _("a share of the eligible residents of the area")

    class AnswerKind(models.TextChoices):
        MONTHS = "months", _("a number of months after referral")
        NEXT_MEETING = "next_meeting", _("the committee's next meeting")

    municipality = models.OneToOneField(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="proposal_rules",
    )
    threshold_kind = models.CharField(
        _("threshold"), max_length=10, choices=ThresholdKind.choices, default=ThresholdKind.ABSOLUTE
    )
    threshold_absolute = models.PositiveIntegerField(
        _("supports needed"),
        null=True,
        blank=True,
        default=600,
        validators=[MinValueValidator(1), MaxValueValidator(10_000_000)],
    )
    threshold_share_percent = models.DecimalField(
        _("share of eligible residents (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"), default=15, validators=[MaxValueValidator(120)]
    )
    propose_assurance = models.PositiveSmallIntegerField(
        _("verification needed to propose"),
        choices=AssuranceLevel.choices,
        default=AssuranceLevel.SUBSTANTIAL,
    )
    support_assurance = models.PositiveSmallIntegerField(
        _("verification needed to support"),
        choices=AssuranceLevel.choices,
        default=AssuranceLevel.SUBSTANTIAL,
    )
    co_proposers = models.PositiveSmallIntegerField(
        _("co-proposers needed"), default=3, validators=[MaxValueValidator(50)]
    )
    co_proposer_days = models.PositiveSmallIntegerField(
        _("days to find co-proposers"), default=14, validators=[MinValueValidator(1)]
    )
    review_days = models.PositiveSmallIntegerField(
        _("days for the review"), default=10, validators=[MinValueValidator(1)]
    )
    collection_days = models.PositiveSmallIntegerField(
        _("days to collect support"), default=180, validators=[MinValueValidator(1)]
    )
    answer_kind = models.CharField(
        _("answer due"), max_length=15, choices=AnswerKind.choices, default=AnswerKind.MONTHS
    )
    answer_months = models.PositiveSmallIntegerField(
        _("months to answer"), default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    response_days = models.PositiveSmallIntegerField(
        _("days for the contact person to answer questions"),
        default=14,
        validators=[MinValueValidator(1)],
    )
    reminder_days = models.CharField(
        _("reminders (days before the answer is due)"),
        max_length=40,
        default="30,7",
        help_text=_("Numbers separated by commas, for example 30,7."),
    )
    # GDPR art. 5(1)(e) and art. 9: who supported is a political opinion, kept only as long as
    # needed. 12 months after the answer (or the end) leaves time for complaints and a recount
    # (a complaint to the Danish Parliamentary Ombudsman must come within 12 months). There is no
    # "keep forever": 0 means at the first run of the clock after the proposal is finished.
    supporter_retention_months = models.PositiveSmallIntegerField(
        _("months to keep who supported a finished proposal"),
        default=12,
        validators=[MaxValueValidator(120)],
        help_text=_(
            "Counted from the committee's answer, or from the end of a proposal without an "
            "answer. Then the supporters' identities are deleted; the number of supports stays. "
            "0: delete at once."
        ),
    )
    default_committee = models.ForeignKey(
        "places.Committee",
        verbose_name=_("committee that receives proposals"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposal rules")
        verbose_name_plural = _("proposal rules")
        constraints = [
            models.CheckConstraint(
                condition=(Q(threshold_kind="absolute") & Q(threshold_absolute__isnull=False))
                | (Q(threshold_kind="share") & Q(threshold_share_percent__isnull=False)),
                name="proposal_rules_threshold_set",
                violation_error_message=_("Fill in the number or the share for the threshold."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Proposal rules for %(name)s") % {"name": self.municipality})

    def reminder_list(self) -> tuple[int, ...]:
        return tuple(
            sorted(
                {
                    number
                    for part in self.reminder_days.split(",")
                    if (number := whole_number(part)) is not None
                },
                reverse=True,
            )
        )

    def as_domain(self) -> Rules:
        share = None
        if self.threshold_kind == self.ThresholdKind.SHARE and self.threshold_share_percent:
            share = Fraction(self.threshold_share_percent) / 100
        return Rules(
            threshold_absolute=self.threshold_absolute if share is None else None,
            threshold_share=share,
            min_age=self.min_age,
            co_proposers=self.co_proposers,
            co_proposer_days=self.co_proposer_days,
            review_days=self.review_days,
            collection_days=self.collection_days,
            answer_months=self.answer_months
            if self.answer_kind == self.AnswerKind.MONTHS
            else None,
            response_days=self.response_days,
            reminder_days=self.reminder_list(),
        )


class Topic(models.Model):
    municipality = models.ForeignKey(
        "places.Municipality", on_delete=models.CASCADE, related_name="proposal_topics"
    )
    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("short name"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "slug"], name="proposal_topic_slug")
        ]

    def __str__(self) -> str:
        return self.name


class Sdg(models.Model):
    """One of the 17 UN Sustainable Development Goals; the names live in medborger/proposals/sdgs.py
    so they are translated like every other text."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("sustainable development goal")
        verbose_name_plural = _("sustainable development goals")

    def __str__(self) -> str:
        from medborger.proposals.sdgs import sdg_name

        return f"{self.number}. {sdg_name(self.number)}"


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("adopted")
    PARTLY_ADOPTED = "partly_adopted", _("partly adopted")
    REJECTED = "rejected", _("rejected")
    OTHER = "other", _("other decision")


class Proposal(TimeStamped):
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_("Leave empty for a proposal for the whole municipality."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.CharField(_("short summary"), max_length=SUMMARY_MAX)
    body = models.TextField(_("the proposal"), max_length=BODY_MAX)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="+")
    sdgs = models.ManyToManyField(
        Sdg, verbose_name=_("UN sustainable development goals"), blank=True, related_name="+"
    )
    image = models.ImageField(_("image"), upload_to="proposals/", blank=True)
    image_alt = models.CharField(_("image description"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    state = models.CharField(
        _("status"),
        max_length=24,
        choices=[(s.value, s.value) for s in State],
        default=State.DRAFT.value,
        db_index=True,
    )
    coproposer_token = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    threshold = models.PositiveIntegerField(_("supports needed"), null=True, blank=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    coproposers_due = models.DateTimeField(null=True, blank=True)
    review_started_at = models.DateTimeField(null=True, blank=True)
    review_due = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    collection_ends = models.DateTimeField(null=True, blank=True, db_index=True)
    threshold_reached_at = models.DateTimeField(null=True, blank=True)
    referred_at = models.DateTimeField(null=True, blank=True)
    committee = models.ForeignKey(
        "places.Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
    )
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    meeting_at = models.DateTimeField(_("committee meeting"), null=True, blank=True)
    answer_due = models.DateTimeField(_("answer due"), null=True, blank=True, db_index=True)
    reminders_sent = models.JSONField(default=list, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    review_escalated_at = models.DateTimeField(null=True, blank=True)
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals_as_contact",
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    answer_text = models.TextField(_("the answer in plain language"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # Set when the retention job deleted the supporters' identities; support_count stays.
    supporters_forgotten_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    rejection_rule = models.CharField(_("rule the proposal breaks"), max_length=200, blank=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("citizen proposal")
        verbose_name_plural = _("citizen proposals")
        indexes = [
            models.Index(fields=["municipality", "state", "-published_at"]),
            models.Index(fields=["municipality", "state", "-support_count"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__isnull=True) | Q(threshold__gte=1),
                name="proposal_threshold_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", args=[self.pk])

    @property
    def state_enum(self) -> State:
        return State(self.state)

    @property
    def is_public(self) -> bool:
        return self.state_enum in PUBLIC


class ProposalAttachment(models.Model):
    """A document that belongs to the committee's answer (minutes, a report)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="proposal-answers/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class CoProposer(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="coproposers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coproposals"
    )
    joined_at = models.DateTimeField()

    class Meta:
        verbose_name = _("co-proposer")
        verbose_name_plural = _("co-proposers")
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="coproposer_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.proposal}"


class Support(models.Model):
    """One person's support. The person key (and the name-and-birth-date match key, which paper
    sheets share) is unique per proposal, so nobody counts twice, online or on paper."""

    class Source(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("paper signature sheet")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    person_key = models.CharField(max_length=64)
    match_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001 - NULLs never clash
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supports",
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ONLINE)
    show_name = models.BooleanField(_("show my name"), default=False)
    public_name = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(db_index=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sheet_reference = models.CharField(_("sheet"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "person_key"], name="support_once_per_person"
            ),
            models.UniqueConstraint(
                fields=["proposal", "match_key"],
                condition=Q(match_key__isnull=False),
                name="support_once_per_match_key",
            ),
        ]
        indexes = [models.Index(fields=["proposal", "created_at"])]

    def __str__(self) -> str:
        return f"{self.proposal_id} · {self.source}"


class ProposalEvent(models.Model):
    """One public step in a proposal's timeline: what happened, when, and in which role."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
    state_after = models.CharField(max_length=24, blank=True)
    actor_role = models.CharField(max_length=30)
    note = models.TextField(blank=True)
    public = models.BooleanField(default=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.kind}"


class Question(models.Model):
    """A question from the proposer to the named contact person, with the response guarantee."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="questions")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("question"), max_length=2000)
    asked_at = models.DateTimeField()
    due_at = models.DateTimeField()
    answer = models.TextField(_("answer"), blank=True, max_length=5000)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    escalated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at"]
        verbose_name = _("question to the contact person")
        verbose_name_plural = _("questions to the contact person")

    def __str__(self) -> str:
        return self.text[:60]
