"""Hearings (høring / remiss): a municipal document or plan, open for responses from residents
and organisations in a time-boxed window (14 days by default). The administration replies to
each response in public and sorts the responses into themes; when the window closes the platform
builds the hearing report (høringsnotat / remissammanställning) as a page and a PDF.

The status (upcoming, open, closed) is derived from the dates, never stored. One person has one
response per hearing as themself and one per organisation they are responsible for; they can
amend it until the hearing closes (a unique constraint keeps it to one)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped
from medborger.domain.lifecycle import hearings as lifecycle
from medborger.domain.lifecycle.hearings import Stance, Status

TITLE_MAX = 200
SUMMARY_MAX = 600
COMMENT_MAX = 8000
SECTION_COMMENT_MAX = 4000
REPLY_MAX = 6000


class StanceChoices(models.TextChoices):
    AGREE = Stance.AGREE.value, _("agree")
    DISAGREE = Stance.DISAGREE.value, _("disagree")
    MIXED = Stance.MIXED.value, _("partly agree")
    NONE = Stance.NONE.value, _("no stance given")


def validate_hearing_document(upload: Any) -> None:
    """Used by the admin form: the same checks as the services (name, content, size)."""
    from medborger.hearings.files import upload_refusal

    if upload is None or getattr(upload, "_committed", False):
        return  # a file already stored was checked when it came in
    message = upload_refusal(
        upload, allowed=lifecycle.DOCUMENT_KINDS, max_bytes=lifecycle.DOCUMENT_MAX_BYTES
    )
    if message:
        raise ValidationError(message)


class Hearing(TimeStamped):
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="hearings",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hearings",
        help_text=_("Leave empty for a hearing about the whole municipality."),
    )
    committee = models.ForeignKey(
        "places.Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hearings",
        help_text=_("The committee that decides the matter after the hearing."),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.TextField(
        _("summary"),
        max_length=SUMMARY_MAX,
        help_text=_("Two or three plain sentences: what is proposed and what you want to hear."),
    )
    body = models.TextField(
        _("the proposal"), blank=True, help_text=_("You can use simple markdown.")
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(
        _("closes"),
        help_text=_("Usually 14 days after it opens. Responses are accepted until this moment."),
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished hearings are seen only by staff.")
    )

    class Meta:
        ordering = ["-opens_at", "-pk"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        indexes = [models.Index(fields=["municipality", "-closes_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="hearing_closes_after_it_opens",
                violation_error_message=_("The hearing must close after it opens."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("hearings:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        area, committee = self.area, self.committee
        if area is not None and area.municipality_id != self.municipality_id:
            errors["area"] = _("The area belongs to another municipality.")
        if committee is not None and committee.municipality_id != self.municipality_id:
            errors["committee"] = _("The committee belongs to another municipality.")
        if errors:
            raise ValidationError(errors)

    def status(self, *, now: datetime) -> Status:
        return lifecycle.status(opens_at=self.opens_at, closes_at=self.closes_at, now=now)

    def is_open(self, *, now: datetime) -> bool:
        return self.status(now=now) == Status.OPEN

    def is_closed(self, *, now: datetime) -> bool:
        return self.status(now=now) == Status.CLOSED

    @property
    def report_title(self) -> str:
        return lifecycle.report_title(self.municipality.country)


class HearingSection(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    text = models.TextField(_("text"), blank=True, help_text=_("You can use simple markdown."))

    class Meta:
        ordering = ["hearing", "number"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "number"],
                name="hearing_section_number_once",
                violation_error_message=_("Two sections cannot have the same number."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class HearingDocument(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    file = models.FileField(
        _("file"),
        upload_to="hearings/documents/",
        validators=[validate_hearing_document],
        help_text=_("PDF, DOCX, ODT or XLSX, at most 20 MB."),
    )
    kind = models.CharField(_("type"), max_length=8, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)

    class Meta:
        ordering = ["hearing", "pk"]
        verbose_name = _("hearing document")
        verbose_name_plural = _("hearing documents")

    def __str__(self) -> str:
        return self.title


class HearingTheme(models.Model):
    """A theme staff sort the responses into, for example "Trafik" or "Natur"."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        ordering = ["hearing", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "name"],
                name="hearing_theme_once",
                violation_error_message=_("The hearing already has a theme with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class HearingResponse(models.Model):
    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="responses")
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="hearing_responses",
    )
    # SET_NULL: the response stays in the hearing report when the account is deleted.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hearing_responses",
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("on behalf of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hearing_responses",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area of residence"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publish_name = models.BooleanField(_("show my name"), default=False)
    comment = models.TextField(_("overall comment"), max_length=COMMENT_MAX, blank=True)
    stance = models.CharField(
        _("stance"), max_length=10, choices=StanceChoices.choices, default="", blank=True
    )
    submitted_at = models.DateTimeField(_("sent"))
    amended_at = models.DateTimeField(_("last changed"), null=True, blank=True)
    themes = models.ManyToManyField(  # type: ignore[var-annotated]
        HearingTheme, verbose_name=_("themes"), blank=True, related_name="responses"
    )
    reply = models.TextField(_("the administration's reply"), max_length=REPLY_MAX, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("hearing response")
        verbose_name_plural = _("hearing responses")
        indexes = [models.Index(fields=["hearing", "submitted_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "author"],
                condition=Q(organisation__isnull=True, author__isnull=False),
                name="hearing_response_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["hearing", "organisation"],
                condition=Q(organisation__isnull=False),
                name="hearing_response_once_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(stance__in=[s.value for s in Stance]),
                name="hearing_response_stance_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hearing} #{self.pk}"


class SectionComment(models.Model):
    response = models.ForeignKey(
        HearingResponse, on_delete=models.CASCADE, related_name="section_comments"
    )
    section = models.ForeignKey(HearingSection, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("comment"), max_length=SECTION_COMMENT_MAX)

    class Meta:
        ordering = ["section__number", "pk"]
        verbose_name = _("comment on a section")
        verbose_name_plural = _("comments on sections")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "section"], name="hearing_section_comment_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.text[:40]}"


class ResponseAttachment(models.Model):
    response = models.ForeignKey(
        HearingResponse, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="hearings/responses/")
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("type"), max_length=8)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name
