"""Comments on any registered object (see medborger.core.registry), reports and moderation.

A comment keeps the raw markdown its author wrote; it is rendered and sanitised when shown.
Replies nest up to MAX_DEPTH; a reply to a comment at MAX_DEPTH is attached next to it (to
its parent) so the thread never grows deeper.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped

# 0 is a comment on the object itself, 1 a reply, 2 a reply to a reply, 3 the deepest level.
MAX_DEPTH = 3
MAX_LENGTH = 5000
REPORT_TEXT_MAX_LENGTH = 1000
HIDDEN_REASON_MAX_LENGTH = 300


class Comment(TimeStamped):
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type of object"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
    )
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
    )
    body = models.TextField(_("comment"), max_length=MAX_LENGTH)
    edited_at = models.DateTimeField(_("last changed by the author"), null=True, blank=True)
    # Moderation. `report_count` counts open reports and only changes through atomic updates.
    report_count = models.PositiveIntegerField(_("open reports"), default=0)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    auto_hidden = models.BooleanField(
        _("hidden automatically"),
        default=False,
        help_text=_("Hidden because of many reports; a moderator has not decided yet."),
    )
    hidden_reason = models.CharField(
        _("public reason for hiding"), max_length=HIDDEN_REASON_MAX_LENGTH, blank=True
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [
            models.Index(fields=["content_type", "object_id", "created_at"]),
            models.Index(fields=["municipality", "-report_count"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(depth__lte=MAX_DEPTH), name="comment_depth_limited"),
            models.CheckConstraint(
                condition=Q(parent__isnull=True, depth=0) | Q(parent__isnull=False, depth__gt=0),
                name="comment_depth_matches_parent",
            ),
        ]

    def __str__(self) -> str:
        text = " ".join(self.body.split())
        return f"{self.author_name}: {text[:60]}"

    @property
    def author_name(self) -> str:
        if self.author_id is None or self.author is None:
            return gettext("deleted participant")
        return str(self.author.display_name)

    def editable_until(self) -> datetime:
        return self.created_at + timedelta(minutes=settings.MEDBORGER_COMMENT_EDIT_MINUTES)


class ReportReason(models.TextChoices):
    SPAM = "spam", _("Spam or advertising")
    ABUSE = "abuse", _("Abusive, threatening or hateful")
    PERSONAL_DATA = "personal_data", _("Reveals personal information about someone")
    ILLEGAL = "illegal", _("Illegal content")
    OFF_TOPIC = "off_topic", _("Not about the subject")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("waiting for a moderator")
    UPHELD = "upheld", _("comment hidden")
    DISMISSED = "dismissed", _("dismissed")


class CommentReport(models.Model):
    """One person's report of one comment; a person can report a comment only once."""

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="comment_reports",
    )
    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comment_reports",
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ReportReason.choices)
    text = models.TextField(
        _("more about the reason"), max_length=REPORT_TEXT_MAX_LENGTH, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.OPEN
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(_("decided"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("report of a comment")
        verbose_name_plural = _("reports of comments")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "reporter"], name="comment_report_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · {self.comment_id}"
