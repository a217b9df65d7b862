"""Participatory budgeting: the process, its pools and projects, who voted and what the ballots say.

Who took part (VoterRegister) and what the ballots say (Ballot, the box) are two tables with no
shared key: no foreign key between them and no person key in the box. The register keeps only a
one-way check value of the voter's current receipt, so a voter can replace their own ballot and
nobody else's."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped
from medborger.domain.budgeting.ballots import BallotType
from medborger.places.models import AssuranceLevel


class Channel(models.TextChoices):
    ONLINE = "online", _("online")
    PAPER = "paper", _("paper ballot")


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("coming up")
    IDEAS = "ideas", _("ideas")
    REVIEW = "review", _("review")
    VOTING = "voting", _("voting")
    RESULTS = "results", _("results")


class BudgetProcess(TimeStamped):
    class BallotKind(models.TextChoices):
        APPROVAL = BallotType.APPROVAL.value, _("tick projects (approval)")
        KNAPSACK = BallotType.KNAPSACK.value, _("choose projects within the budget")
        CUMULATIVE = BallotType.CUMULATIVE.value, _("spread points")

    class CountingRule(models.TextChoices):
        GREEDY = "greedy", _("most votes first")
        MES = "mes", _("method of equal shares")
        MES_ADD1 = "mes-add1", _("method of equal shares, completed")
        PHRAGMEN = "phragmen", _("sequential Phragmén")

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="budget_processes",
    )
    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_processes",
        help_text=_(
            "Residents of this area and of the areas inside it may vote. "
            "Leave empty for the whole municipality."
        ),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(120)],
        help_text=_("Leave empty to use the municipality's minimum age for budget votes."),
    )
    required_assurance = models.PositiveSmallIntegerField(
        _("verification needed to vote"),
        choices=AssuranceLevel.choices,
        null=True,
        blank=True,
        help_text=_("Leave empty to use the municipality's setting."),
    )
    ballot_type = models.CharField(
        _("ballot"), max_length=12, choices=BallotKind.choices, default=BallotKind.KNAPSACK
    )
    min_projects = models.PositiveSmallIntegerField(_("fewest projects to choose"), default=1)
    max_projects = models.PositiveSmallIntegerField(
        _("most projects to choose"), null=True, blank=True
    )
    total_points = models.PositiveSmallIntegerField(
        _("points to spread"), default=10, validators=[MinValueValidator(1)]
    )
    max_points_per_project = models.PositiveSmallIntegerField(
        _("most points on one project"), null=True, blank=True
    )
    counting_rule = models.CharField(
        _("counting rule"), max_length=10, choices=CountingRule.choices, default=CountingRule.MES
    )
    max_cost_share = models.PositiveSmallIntegerField(
        _("most one project may cost, in percent of its pool"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Leave empty for no cap."),
    )
    ideas_open = models.DateTimeField(_("ideas open"), null=True, blank=True)
    ideas_close = models.DateTimeField(
        _("ideas close"),
        null=True,
        blank=True,
        help_text=_("The review runs from here until voting opens."),
    )
    voting_opens = models.DateTimeField(_("voting opens"))
    voting_closes = models.DateTimeField(_("voting closes"))
    # The count, stored the first time it runs after voting closes, so the published result
    # never changes afterwards and the page does not recount on every view.
    result = models.JSONField(null=True, blank=True, editable=False)
    counted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-voting_opens"]
        verbose_name = _("participatory budget")
        verbose_name_plural = _("participatory budgets")
        constraints = [
            models.CheckConstraint(
                condition=Q(voting_opens__lt=F("voting_closes")),
                name="budget_voting_opens_before_closes",
                violation_error_message=_("Voting must open before it closes."),
            ),
            models.CheckConstraint(
                condition=Q(max_projects__isnull=True) | Q(max_projects__gte=F("min_projects")),
                name="budget_min_projects_le_max",
                violation_error_message=_(
                    "The fewest projects to choose cannot be more than the most."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ideas_open__isnull=True)
                | Q(ideas_close__isnull=True)
                | Q(ideas_open__lt=F("ideas_close")),
                name="budget_ideas_open_before_close",
                violation_error_message=_("Ideas must open before they close."),
            ),
            models.CheckConstraint(
                condition=Q(ideas_close__isnull=True) | Q(ideas_close__lte=F("voting_opens")),
                name="budget_ideas_close_before_voting",
                violation_error_message=_("Ideas must close before voting opens."),
            ),
            models.CheckConstraint(
                condition=~(Q(ballot_type="cumulative") & Q(counting_rule="phragmen")),
                name="budget_phragmen_counts_approvals",
                violation_error_message=_(
                    "Sequential Phragmén counts ticks only; choose another rule for points."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def phase(self, now: datetime) -> Phase:
        """Where the process is at ``now``: ideas, review, voting, results or implementation."""
        if self.ideas_open and now < self.ideas_open:
            return Phase.UPCOMING
        if self.ideas_open and self.ideas_close and now < self.ideas_close:
            return Phase.IDEAS
        if now < self.voting_opens:
            return Phase.REVIEW if self.ideas_close else Phase.UPCOMING
        if now < self.voting_closes:
            return Phase.VOTING
        return Phase.RESULTS

    @property
    def effective_min_age(self) -> int:
        return self.min_age if self.min_age is not None else self.municipality.min_age_budget

    @property
    def effective_assurance(self) -> int:
        if self.required_assurance is not None:
            return self.required_assurance
        return int(self.municipality.required_assurance)


class Pool(models.Model):
    process = models.ForeignKey(BudgetProcess, on_delete=models.CASCADE, related_name="pools")
    name = models.CharField(_("name"), max_length=120)
    amount = models.PositiveBigIntegerField(_("amount (kr)"))
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget_pools",
        help_text=_(
            "Only residents of this area (and the areas inside it) vote on this pool's projects. "
            "Leave empty for everyone who may vote in the budget."
        ),
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("pool")
        verbose_name_plural = _("pools")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="budget_pool_amount_positive",
                violation_error_message=_("A pool needs an amount above 0 kr."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class BudgetProject(TimeStamped):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        FEASIBLE = "feasible", _("feasible, on the ballot")
        INFEASIBLE = "infeasible", _("not feasible")
        MERGED = "merged", _("merged with another project")
        FUNDED = "funded", _("funded")
        NOT_FUNDED = "not_funded", _("not funded")

    process = models.ForeignKey(BudgetProcess, on_delete=models.CASCADE, related_name="projects")
    pool = models.ForeignKey(Pool, on_delete=models.PROTECT, related_name="projects")
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    cost = models.PositiveBigIntegerField(_("cost (kr)"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    review_reason = models.TextField(_("reason from the review"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_ideas",
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_ideas",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="budget_projects",
    )
    location = models.CharField(_("where"), max_length=200, blank=True)
    estimated_cost = models.PositiveBigIntegerField(
        _("cost estimated by the author (kr)"), null=True, blank=True
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_ideas",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    author_reply = models.TextField(_("the author's answer to the review"), blank=True)
    author_replied_at = models.DateTimeField(null=True, blank=True)

    ON_BALLOT = (Status.FEASIBLE, Status.FUNDED, Status.NOT_FUNDED)
    # The review can still change these; once on the ballot, the review is final.
    UNDER_REVIEW = (Status.SUBMITTED, Status.FEASIBLE, Status.INFEASIBLE, Status.MERGED)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("budget project")
        verbose_name_plural = _("budget projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(cost__gt=0),
                name="budget_project_cost_positive",
                violation_error_message=_("A project costs more than 0 kr."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def municipality(self) -> Any:
        """For follows, notifications and the audit log, which look for a municipality."""
        return self.process.municipality


class VoterRegister(models.Model):
    """WHO voted: one row per person and process, never what they chose.

    The id is random and the dates are days, not times, so the register's order and timing
    cannot be lined up with the ballot box's positions and times."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    process = models.ForeignKey(BudgetProcess, on_delete=models.CASCADE, related_name="+")
    person_key = models.CharField(max_length=64)
    # Name-and-birth-date key: the same person cannot vote both online and on paper.
    match_key = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001 - NULLs never clash
    channel = models.CharField(max_length=10, choices=Channel.choices)
    first_voted_on = models.DateField()
    last_changed_on = models.DateField()
    # HMAC(pepper, "receipt:" + current receipt): checks a receipt; the box never stores it.
    current_receipt_mac = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("voter register entry")
        verbose_name_plural = _("voter register")
        constraints = [
            models.UniqueConstraint(fields=["process", "person_key"], name="budget_vote_once"),
            models.UniqueConstraint(
                fields=["process", "match_key"],
                condition=Q(match_key__isnull=False),
                name="budget_vote_once_online_or_paper",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process_id} · {self.channel}"


class Ballot(models.Model):
    """WHAT a ballot says: an append-only, hash-chained log per process. No key to the voter."""

    process = models.ForeignKey(BudgetProcess, on_delete=models.CASCADE, related_name="ballots")
    position = models.PositiveIntegerField()
    receipt_code = models.CharField(max_length=24, unique=True)
    choice = models.JSONField(default=dict)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    replaces_receipt = models.CharField(max_length=24, blank=True)
    superseded = models.BooleanField(default=False)
    entry_hash = models.CharField(max_length=64)
    cast_at = models.DateTimeField()

    class Meta:
        ordering = ["process", "position"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["process", "position"], name="budget_ballot_position"),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="budget_ballot_position_from_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.process_id} #{self.position}"


class PaperBallotSheet(models.Model):
    """A paper ballot typed in by one staff member and confirmed by another. Once confirmed it is
    cast into the box and its choice is cleared here, so no row keeps a person with a choice."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for a second person to confirm")
        CONFIRMED = "confirmed", _("confirmed and counted")

    process = models.ForeignKey(
        BudgetProcess, on_delete=models.CASCADE, related_name="paper_sheets"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The voter's match key (HMAC of name and birth date), never the name itself.
    person_key = models.CharField(max_length=64)
    choice = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)

    class Meta:
        verbose_name = _("paper ballot")
        verbose_name_plural = _("paper ballots")
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("entered_by")),
                name="budget_paper_two_people",
                violation_error_message=_("A second person must confirm a paper ballot."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.process_id} · {self.state}"

    @property
    def municipality(self) -> Any:
        return self.process.municipality
