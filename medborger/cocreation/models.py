"""Co-creation groups (samskabelsesgrupper / forstyrrelsesgrupper): politicians, officials,
residents, experts, associations and businesses working together for a period on a mandate.

A group has members with a role, a chair who rotates (the terms are kept as a history), meetings
with public notes, tasks with an owner, and outputs (a vision plan) whose public trail shows where
they went: presented at a citizens' meeting, sent to a committee for a grant, the decision."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped
from medborger.domain.lifecycle import cocreation as lifecycle
from medborger.domain.lifecycle.cocreation import GroupStatus, MemberRole, OutputState, TaskStatus

NAME_MAX = 150
TEXT_MAX = 5000
NOTES_MAX = 8000
OUTPUT_TEXT_MAX = 20000


class GroupStatusChoices(models.TextChoices):
    FORMING = GroupStatus.FORMING.value, _("forming")
    ACTIVE = GroupStatus.ACTIVE.value, _("active")
    FINISHED = GroupStatus.FINISHED.value, _("finished")


class MemberRoleChoices(models.TextChoices):
    POLITICIAN = MemberRole.POLITICIAN.value, _("politician")
    OFFICIAL = MemberRole.OFFICIAL.value, _("official")
    RESIDENT = MemberRole.RESIDENT.value, _("resident")
    EXPERT = MemberRole.EXPERT.value, _("expert")
    ASSOCIATION = MemberRole.ASSOCIATION.value, _("association")
    BUSINESS = MemberRole.BUSINESS.value, _("business")


class TaskStatusChoices(models.TextChoices):
    OPEN = TaskStatus.OPEN.value, _("not started")
    IN_PROGRESS = TaskStatus.IN_PROGRESS.value, _("in progress")
    DONE = TaskStatus.DONE.value, _("done")


class OutputStateChoices(models.TextChoices):
    DRAFT = OutputState.DRAFT.value, _("written by the group")
    PRESENTED = OutputState.PRESENTED.value, _("presented at a citizens' meeting")
    SENT = OutputState.SENT.value, _("sent to a committee")
    GRANTED = OutputState.GRANTED.value, _("granted")
    REFUSED = OutputState.REFUSED.value, _("refused")


class CoCreationPolicy(models.Model):
    """The municipality's rules for all its co-creation groups (edited in the admin)."""

    municipality = models.OneToOneField(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="cocreation_policy",
    )
    chair_must_not_be_committee_chair = models.BooleanField(
        _("the committee chair may not chair a group"),
        default=False,
        help_text=_(
            "When set, the chair of the committee a group reports to can never chair the group."
        ),
    )

    class Meta:
        verbose_name = _("co-creation rules")
        verbose_name_plural = _("co-creation rules")

    def __str__(self) -> str:
        return str(self.municipality)


class CoCreationGroup(TimeStamped):
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="cocreation_groups",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cocreation_groups",
    )
    committee = models.ForeignKey(
        "places.Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cocreation_groups",
        help_text=_("The committee the group works for and reports to."),
    )
    name = models.CharField(_("name"), max_length=NAME_MAX)
    purpose = models.TextField(_("purpose"), max_length=TEXT_MAX)
    mandate = models.TextField(
        _("mandate"),
        max_length=TEXT_MAX,
        help_text=_("What the group may decide or propose, and what it may not."),
    )
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=GroupStatusChoices.choices,
        default=GroupStatusChoices.FORMING,
        db_index=True,
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("A public group's page can be read by everybody; otherwise only by members."),
    )
    chair_must_not_be_committee_chair = models.BooleanField(
        _("the committee chair may not chair this group"),
        default=False,
        help_text=_("Also applies when the municipality's rules say so for all groups."),
    )

    class Meta:
        ordering = ["municipality", "-starts_on", "name"]
        verbose_name = _("co-creation group")
        verbose_name_plural = _("co-creation groups")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="cocreation_group_period_in_order",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["municipality", "name"], name="cocreation_group_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cocreation:group", args=[self.pk])


class Membership(models.Model):
    group = models.ForeignKey(
        CoCreationGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    # SET_NULL: the group's history keeps the membership when an account is deleted; the name
    # becomes "deleted participant" (cocreation.services.cocreation_erase).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cocreation_memberships",
        help_text=_("Members with an account can work on the group's pages."),
    )
    display_name = models.CharField(_("name shown"), max_length=NAME_MAX)
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cocreation_memberships",
    )
    role = models.CharField(_("role"), max_length=12, choices=MemberRoleChoices.choices)
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["joined_on", "pk"]
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="cocreation_member_left_after_joining",
                violation_error_message=_("A member cannot leave before joining."),
            ),
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(user__isnull=False, left_on__isnull=True),
                name="cocreation_member_once",
                violation_error_message=_("This person is already a member of the group."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def is_member_on(self, on: date) -> bool:
        return self.joined_on <= on and (self.left_on is None or self.left_on > on)


class ChairTerm(models.Model):
    group = models.ForeignKey(CoCreationGroup, on_delete=models.CASCADE, related_name="chair_terms")
    member = models.ForeignKey(
        Membership,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        related_name="chair_terms",
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"), null=True, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("chair term")
        verbose_name_plural = _("chair terms")
        constraints = [
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(ended_on__isnull=True),
                name="cocreation_one_current_chair",
                violation_error_message=_("A group has one chair at a time."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="cocreation_chair_term_in_order",
            ),
        ]

    def __str__(self) -> str:
        return str(self.member)


class GroupMeeting(TimeStamped):
    group = models.ForeignKey(CoCreationGroup, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    notes = models.TextField(
        _("notes (public)"),
        max_length=NOTES_MAX,
        blank=True,
        help_text=_("What was discussed and agreed. Everybody can read the notes."),
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("group meeting")
        verbose_name_plural = _("group meetings")

    def __str__(self) -> str:
        return f"{self.group} {self.held_on.isoformat()}"


class Task(TimeStamped):
    group = models.ForeignKey(CoCreationGroup, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        Membership,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=TaskStatusChoices.choices,
        default=TaskStatusChoices.OPEN,
        db_index=True,
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=TaskStatus.DONE.value) | Q(done_on__isnull=False),
                name="cocreation_done_task_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return lifecycle.is_task_overdue(TaskStatus(self.status), self.due_on, today)


class Output(TimeStamped):
    group = models.ForeignKey(CoCreationGroup, on_delete=models.CASCADE, related_name="outputs")
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), max_length=OUTPUT_TEXT_MAX)
    published_on = models.DateField(_("published on"))
    state = models.CharField(
        _("status"),
        max_length=10,
        choices=OutputStateChoices.choices,
        default=OutputStateChoices.DRAFT,
        db_index=True,
    )
    presented_at = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("presented at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cocreation_outputs",
    )
    presented_on = models.DateField(_("presented on"), null=True, blank=True)
    committee = models.ForeignKey(
        "places.Committee",
        verbose_name=_("sent to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cocreation_outputs",
    )
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    requested_amount = models.PositiveIntegerField(
        _("grant applied for (kr)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    granted_amount = models.PositiveIntegerField(_("granted (kr)"), null=True, blank=True)
    decision_text = models.TextField(_("the committee's decision"), max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("output")
        verbose_name_plural = _("outputs")
        constraints = [
            models.CheckConstraint(
                condition=Q(state=OutputState.DRAFT.value) | Q(presented_on__isnull=False),
                name="cocreation_output_presented_has_date",
            ),
            models.CheckConstraint(
                condition=Q(state__in=[OutputState.DRAFT.value, OutputState.PRESENTED.value])
                | (
                    Q(sent_on__isnull=False)
                    & Q(committee__isnull=False)
                    & Q(requested_amount__gte=1)
                ),
                name="cocreation_output_sent_has_committee",
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True)
                | (Q(granted_amount__gte=1) & Q(granted_amount__lte=F("requested_amount"))),
                name="cocreation_output_granted_within_requested",
            ),
            models.CheckConstraint(
                condition=~Q(state=OutputState.GRANTED.value) | Q(granted_amount__isnull=False),
                name="cocreation_output_granted_has_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cocreation:output", args=[self.pk])


class OutputAttachment(models.Model):
    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="cocreation/outputs/")
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class TrailEntry(models.Model):
    """One public, dated step in the life of an output."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("published by the group")
        PRESENTED = "presented", _("presented at a citizens' meeting")
        SENT = "sent", _("sent to a committee")
        GRANTED = "granted", _("granted by the committee")
        REFUSED = "refused", _("refused by the committee")

    output = models.ForeignKey(Output, on_delete=models.CASCADE, related_name="trail")
    kind = models.CharField(_("step"), max_length=10, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    text = models.TextField(_("note"), max_length=TEXT_MAX, blank=True)
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    committee = models.ForeignKey(
        "places.Committee", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    amount = models.PositiveIntegerField(_("amount (kr)"), null=True, blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["happened_on", "recorded_at", "pk"]
        verbose_name = _("trail entry")
        verbose_name_plural = _("trail entries")
        constraints = [
            models.UniqueConstraint(fields=["output", "kind"], name="cocreation_trail_step_once"),
        ]

    def __str__(self) -> str:
        return f"{self.output}: {self.get_kind_display()}"
