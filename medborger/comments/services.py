"""Writing comments, reporting them and moderating them. Every refusal raises CommentError with
a message the user can read in their own language."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from medborger.accounts.predicates import municipality_id_of
from medborger.comments.models import (
    HIDDEN_REASON_MAX_LENGTH,
    MAX_DEPTH,
    MAX_LENGTH,
    REPORT_TEXT_MAX_LENGTH,
    Comment,
    CommentReport,
    ReportReason,
    ReportStatus,
)
from medborger.core import registry
from medborger.core.audit import audit_record, snapshot


class CommentError(Exception):
    """A refusal with a message for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _check_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise CommentError(_("Write something before you publish the comment."))
    if len(body) > MAX_LENGTH:
        raise CommentError(
            _("A comment can be at most %(limit)d characters long. Yours is %(count)d.")
            % {"limit": MAX_LENGTH, "count": len(body)}
        )
    return body


def _check_active(user: Any) -> None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise CommentError(_("Sign in to write or report comments."))


def comment_registration(target: Model) -> registry.Registration:
    registration = registry.registration_for(target)
    if registration is None or not registration.comments:
        raise CommentError(_("Comments are not possible here."))
    return registration


@transaction.atomic
def comment_create(
    *,
    author: Any,
    target: Model,
    body: str,
    parent: Comment | None = None,
) -> Comment:
    """A new comment on `target`, or a reply to `parent` (a comment on the same target)."""
    _check_active(author)
    registration = comment_registration(target)
    if not registration.comments_open(target):
        raise CommentError(_("Comments are closed here. You can still read what others wrote."))
    body = _check_body(body)
    municipality_id = municipality_id_of(target)
    if municipality_id is None:
        raise CommentError(_("Comments are not possible here."))
    content_type = ContentType.objects.get_for_model(target)
    depth = 0
    if parent is not None:
        if parent.content_type_id != content_type.pk or parent.object_id != target.pk:
            raise CommentError(_("The comment you answer belongs to another page."))
        parent.refresh_from_db(fields=["is_hidden"])
        if parent.is_hidden:
            raise CommentError(_("You cannot answer a comment that a moderator has hidden."))
        if parent.depth >= MAX_DEPTH:
            # The thread is as deep as it gets: the reply goes next to the comment it answers.
            parent = parent.parent
        depth = parent.depth + 1 if parent is not None else 0
    comment = Comment.objects.create(
        municipality_id=municipality_id,
        content_type=content_type,
        object_id=target.pk,
        parent=parent,
        depth=depth,
        author=author,
        body=body,
    )
    return comment


@transaction.atomic
def comment_edit(
    *, actor: Any, comment: Comment, body: str, now: datetime | None = None
) -> Comment:
    """The author changes the text, within MEDBORGER_COMMENT_EDIT_MINUTES of writing it."""
    now = now or timezone.now()
    _check_active(actor)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.author_id is None or comment.author_id != actor.pk:
        raise CommentError(_("Only the person who wrote a comment can change it."))
    if comment.is_hidden:
        raise CommentError(_("A moderator has hidden this comment, so it cannot be changed."))
    if now > comment.editable_until():
        minutes = settings.MEDBORGER_COMMENT_EDIT_MINUTES
        raise CommentError(
            ngettext(
                "You can change a comment only in the first minute after you write it. "
                "That time has passed.",
                "You can change a comment only in the first %(minutes)d minutes after you "
                "write it. That time has passed.",
                minutes,
            )
            % {"minutes": minutes}
        )
    body = _check_body(body)
    if body != comment.body:
        comment.body = body
        comment.edited_at = now
        comment.save(update_fields=["body", "edited_at", "updated_at"])
    return comment


@transaction.atomic
def comment_report(
    *,
    reporter: Any,
    comment: Comment,
    reason: str,
    text: str = "",
    now: datetime | None = None,
) -> CommentReport:
    """Report a comment to the moderators. After the municipality's number of open reports the
    comment is hidden until a moderator decides."""
    now = now or timezone.now()
    _check_active(reporter)
    if comment.author_id is not None and comment.author_id == reporter.pk:
        raise CommentError(_("You cannot report your own comment."))
    comment.refresh_from_db(fields=["is_hidden"])
    if comment.is_hidden:
        raise CommentError(_("This comment is already hidden. A moderator will look at it."))
    if reason not in ReportReason.values:
        raise CommentError(_("Choose why you report the comment."))
    text = (text or "").strip()
    if len(text) > REPORT_TEXT_MAX_LENGTH:
        raise CommentError(
            _("The explanation can be at most %(limit)d characters long.")
            % {"limit": REPORT_TEXT_MAX_LENGTH}
        )
    already = _("You have already reported this comment. A moderator will look at it.")
    if CommentReport.objects.filter(comment=comment, reporter=reporter).exists():
        raise CommentError(already)
    try:
        with transaction.atomic():
            report = CommentReport.objects.create(
                municipality_id=comment.municipality_id,
                comment=comment,
                reporter=reporter,
                reason=reason,
                text=text,
                created_at=now,
            )
    except IntegrityError:
        raise CommentError(already) from None
    # The counter goes up in the database, never read-modify-write in Python.
    Comment.objects.filter(pk=comment.pk).update(report_count=F("report_count") + 1)
    threshold = comment.municipality.comment_auto_hide_reports
    if threshold:
        hidden = Comment.objects.filter(
            pk=comment.pk, is_hidden=False, report_count__gte=threshold
        ).update(is_hidden=True, auto_hidden=True, hidden_at=now, hidden_reason="")
        if hidden:
            comment.refresh_from_db()
            audit_record(
                actor=None,
                action="comment.auto_hidden",
                target=comment,
                municipality=comment.municipality,
                before={"is_hidden": False},
                after={"is_hidden": True, "report_count": comment.report_count},
                at=now,
            )
    comment.refresh_from_db(fields=["report_count", "is_hidden", "auto_hidden", "hidden_at"])
    return report


def _moderation_snapshot(comment: Comment) -> dict[str, Any]:
    data = snapshot(comment) or {}
    keys = ("is_hidden", "auto_hidden", "hidden_reason", "report_count")
    return {key: data.get(key) for key in keys}


def _close_reports(*, moderator: Any, comment: Comment, status: str, now: datetime) -> int:
    closed = CommentReport.objects.filter(comment=comment, status=ReportStatus.OPEN).update(
        status=status, resolved_at=now, resolved_by=moderator
    )
    Comment.objects.filter(pk=comment.pk).update(report_count=0)
    return closed


@transaction.atomic
def comment_hide(
    *, moderator: Any, comment: Comment, reason: str, now: datetime | None = None
) -> Comment:
    """Hide a comment; the public reason is shown in place of its text. Open reports are upheld."""
    now = now or timezone.now()
    reason = " ".join((reason or "").split())
    if not reason:
        raise CommentError(_("Write the reason that is shown in place of the comment."))
    if len(reason) > HIDDEN_REASON_MAX_LENGTH:
        raise CommentError(
            _("The reason can be at most %(limit)d characters long.")
            % {"limit": HIDDEN_REASON_MAX_LENGTH}
        )
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    before = _moderation_snapshot(comment)
    _close_reports(moderator=moderator, comment=comment, status=ReportStatus.UPHELD, now=now)
    return _set_visibility(
        comment, moderator=moderator, hidden=True, reason=reason, now=now, before=before
    )


@transaction.atomic
def comment_restore(*, moderator: Any, comment: Comment, now: datetime | None = None) -> Comment:
    """Show a hidden comment again. Its open reports are dismissed."""
    now = now or timezone.now()
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if not comment.is_hidden:
        raise CommentError(_("The comment is not hidden."))
    before = _moderation_snapshot(comment)
    _close_reports(moderator=moderator, comment=comment, status=ReportStatus.DISMISSED, now=now)
    return _set_visibility(
        comment, moderator=moderator, hidden=False, reason="", now=now, before=before
    )


def _set_visibility(
    comment: Comment, *, moderator: Any, hidden: bool, reason: str, now: datetime, before: Any
) -> Comment:
    """A moderator hides (with a public reason) or shows a comment; the audit log records it."""
    comment.refresh_from_db(fields=["report_count"])
    comment.is_hidden = hidden
    comment.auto_hidden = False
    comment.hidden_reason = reason
    comment.hidden_at = now if hidden else None
    comment.hidden_by = moderator if hidden else None
    comment.save(
        update_fields=[
            "is_hidden",
            "auto_hidden",
            "hidden_reason",
            "hidden_at",
            "hidden_by",
            "updated_at",
        ]
    )
    audit_record(
        actor=moderator,
        action="comment.hidden" if hidden else "comment.restored",
        target=comment,
        before=before,
        after=_moderation_snapshot(comment),
        at=now,
    )
    return comment


@transaction.atomic
def reports_dismiss(*, moderator: Any, comment: Comment, now: datetime | None = None) -> int:
    """The reports of a comment need no action: close them. An automatically hidden comment is
    shown again. Returns how many reports were dismissed."""
    now = now or timezone.now()
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    before = _moderation_snapshot(comment)
    closed = _close_reports(
        moderator=moderator, comment=comment, status=ReportStatus.DISMISSED, now=now
    )
    if comment.auto_hidden:
        Comment.objects.filter(pk=comment.pk).update(
            is_hidden=False, auto_hidden=False, hidden_at=None, hidden_reason=""
        )
    comment.refresh_from_db()
    if not closed and before == _moderation_snapshot(comment):
        raise CommentError(_("There are no open reports of this comment."))
    audit_record(
        actor=moderator,
        action="comment.reports_dismissed",
        target=comment,
        before={**before, "open_reports": closed},
        after={**_moderation_snapshot(comment), "open_reports": 0},
        at=now,
    )
    return closed
