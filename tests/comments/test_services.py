from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from medborger.comments.models import MAX_DEPTH, Comment, CommentReport, ReportStatus
from medborger.comments.services import (
    CommentError,
    comment_create,
    comment_edit,
    comment_hide,
    comment_report,
    comment_restore,
    reports_dismiss,
)
from medborger.core.models import AuditEntry
from medborger.core.personal_data import export_all
from tests.factories import TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(municipality):
    return TopicFactory(municipality=municipality)


def test_create_copies_municipality_and_target(topic, resident):
    comment = comment_create(author=resident, target=topic, body="  Godt forslag  ")
    assert comment.municipality_id == topic.municipality_id
    assert comment.target == topic
    assert comment.body == "Godt forslag"
    assert comment.depth == 0 and comment.parent is None


def test_reply_and_depth_is_limited(topic, resident):
    comment = comment_create(author=resident, target=topic, body="Top")
    chain = [comment]
    for n in range(MAX_DEPTH + 2):
        chain.append(
            comment_create(author=resident, target=topic, body=f"svar {n}", parent=chain[-1])
        )
    assert [c.depth for c in chain] == [0, 1, 2, 3, 3, 3]
    # A reply to the deepest level goes next to the comment it answers.
    assert chain[4].parent_id == chain[3].parent_id == chain[2].pk
    assert chain[5].parent_id == chain[2].pk


def test_reply_must_belong_to_the_same_target(topic, municipality, resident):
    other = TopicFactory(municipality=municipality)
    parent = comment_create(author=resident, target=other, body="Andet emne")
    with pytest.raises(CommentError):
        comment_create(author=resident, target=topic, body="Svar", parent=parent)


def test_closed_target_refuses_new_comments(municipality, resident):
    topic = TopicFactory(municipality=municipality, is_open=False)
    with pytest.raises(CommentError, match="closed"):
        comment_create(author=resident, target=topic, body="Hej")
    assert not Comment.objects.exists()


def test_empty_and_overlong_comments_are_refused(topic, resident):
    with pytest.raises(CommentError, match="Write something"):
        comment_create(author=resident, target=topic, body="   ")
    with pytest.raises(CommentError, match="5000"):
        comment_create(author=resident, target=topic, body="x" * 5001)
    assert comment_create(author=resident, target=topic, body="x" * 5000).pk


def test_inactive_user_cannot_comment(topic):
    user = UserFactory(is_active=False)
    with pytest.raises(CommentError):
        comment_create(author=user, target=topic, body="Hej")


def test_edit_inside_the_window(topic, resident, settings):
    settings.MEDBORGER_COMMENT_EDIT_MINUTES = 15
    with time_machine.travel("2026-03-01 10:00 +0000", tick=False):
        comment = comment_create(author=resident, target=topic, body="Førstee udgave")
    with time_machine.travel("2026-03-01 10:14 +0000", tick=False):
        comment = comment_edit(actor=resident, comment=comment, body="Første udgave")
    comment.refresh_from_db()
    assert comment.body == "Første udgave"
    assert comment.edited_at is not None


def test_edit_after_the_window_is_refused(topic, resident, settings):
    settings.MEDBORGER_COMMENT_EDIT_MINUTES = 15
    with time_machine.travel("2026-03-01 10:00 +0000", tick=False):
        comment = comment_create(author=resident, target=topic, body="Tekst")
    with (
        time_machine.travel("2026-03-01 10:16 +0000", tick=False),
        pytest.raises(CommentError, match="15 minutes"),
    ):
        comment_edit(actor=resident, comment=comment, body="Ny tekst")
    comment.refresh_from_db()
    assert comment.body == "Tekst"


def test_only_the_author_can_edit(topic, resident):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    with pytest.raises(CommentError):
        comment_edit(actor=UserFactory(), comment=comment, body="Overtaget")


def test_report_once_per_person(topic, resident):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    reporter = UserFactory()
    comment_report(reporter=reporter, comment=comment, reason="spam", text="Reklame")
    with pytest.raises(CommentError, match="already reported"):
        comment_report(reporter=reporter, comment=comment, reason="abuse")
    comment.refresh_from_db()
    assert comment.report_count == 1
    assert CommentReport.objects.count() == 1


def test_the_database_refuses_a_second_report(topic, resident):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    reporter = UserFactory()
    CommentReport.objects.create(
        municipality=comment.municipality, comment=comment, reporter=reporter, reason="spam"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentReport.objects.create(
            municipality=comment.municipality, comment=comment, reporter=reporter, reason="other"
        )


def test_cannot_report_own_comment(topic, resident):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    with pytest.raises(CommentError, match="own comment"):
        comment_report(reporter=resident, comment=comment, reason="spam")


def test_auto_hide_at_the_municipality_threshold(topic, resident, municipality):
    municipality.comment_auto_hide_reports = 3
    municipality.save()
    comment = comment_create(author=resident, target=topic, body="Tekst")
    for n in range(3):
        comment.refresh_from_db()
        assert not comment.is_hidden, n
        comment_report(reporter=UserFactory(), comment=comment, reason="abuse")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.auto_hidden
    assert comment.report_count == 3
    entry = AuditEntry.objects.get(action="comment.auto_hidden")
    assert entry.actor is None and entry.target_id == str(comment.pk)


def test_report_counter_is_an_atomic_update(topic, resident):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    reporter = UserFactory()
    with CaptureQueriesContext(connection) as queries:
        comment_report(reporter=reporter, comment=comment, reason="spam")
    sql = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert any('"report_count" = ("comments_comment"."report_count" + 1)' in s for s in sql), sql


def test_hide_and_restore_with_audit_entries(topic, resident, moderator):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    comment_report(reporter=UserFactory(), comment=comment, reason="abuse")
    comment = comment_hide(moderator=moderator, comment=comment, reason="Personangreb")
    assert comment.is_hidden and comment.hidden_reason == "Personangreb"
    assert comment.report_count == 0
    assert CommentReport.objects.get().status == ReportStatus.UPHELD
    hidden = AuditEntry.objects.get(action="comment.hidden")
    assert hidden.actor == moderator and hidden.after["is_hidden"] is True

    comment = comment_restore(moderator=moderator, comment=comment)
    assert not comment.is_hidden and comment.hidden_reason == ""
    restored = AuditEntry.objects.get(action="comment.restored")
    assert restored.before["is_hidden"] is True and restored.after["is_hidden"] is False


def test_hide_needs_a_reason(topic, resident, moderator):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    with pytest.raises(CommentError):
        comment_hide(moderator=moderator, comment=comment, reason="  ")
    assert not AuditEntry.objects.exists()


def test_restore_a_visible_comment_is_refused(topic, resident, moderator):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    with pytest.raises(CommentError):
        comment_restore(moderator=moderator, comment=comment)


def test_dismiss_reports_shows_an_auto_hidden_comment_again(
    topic, resident, moderator, municipality
):
    municipality.comment_auto_hide_reports = 1
    municipality.save()
    comment = comment_create(author=resident, target=topic, body="Tekst")
    comment_report(reporter=UserFactory(), comment=comment, reason="spam")
    comment.refresh_from_db()
    assert comment.is_hidden
    assert reports_dismiss(moderator=moderator, comment=comment) == 1
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.report_count == 0
    assert CommentReport.objects.get().status == ReportStatus.DISMISSED
    assert AuditEntry.objects.filter(action="comment.reports_dismissed", actor=moderator).exists()
    with pytest.raises(CommentError):
        reports_dismiss(moderator=moderator, comment=comment)


def test_no_auto_hide_when_threshold_is_zero(topic, resident, municipality):
    municipality.comment_auto_hide_reports = 0
    municipality.save()
    comment = comment_create(author=resident, target=topic, body="Tekst")
    for _n in range(4):
        comment_report(reporter=UserFactory(), comment=comment, reason="spam")
    comment.refresh_from_db()
    assert not comment.is_hidden and comment.report_count == 4


def test_deleted_author_keeps_the_comment(topic, resident):
    comment = comment_create(author=resident, target=topic, body="Bliver stående")
    resident.delete()
    comment.refresh_from_db()
    assert comment.author is None
    assert comment.author_name == "deleted participant"


def test_personal_data_export_lists_comments_and_reports(topic, resident):
    comment = comment_create(author=resident, target=topic, body="Min kommentar")
    other = comment_create(author=UserFactory(), target=topic, body="Andens")
    comment_report(reporter=resident, comment=other, reason="spam", text="Reklame")
    data = export_all(resident)["comments"]
    assert [c["text"] for c in data["comments"]] == ["Min kommentar"]
    assert data["comments"][0]["id"] == comment.pk
    assert data["reports"][0]["text"] == "Reklame"


def test_edit_window_uses_settings(topic, resident, settings):
    settings.MEDBORGER_COMMENT_EDIT_MINUTES = 1
    comment = comment_create(author=resident, target=topic, body="Tekst")
    with pytest.raises(CommentError, match="first minute after"):
        comment_edit(
            actor=resident, comment=comment, body="Ny", now=timezone.now() + timedelta(minutes=2)
        )


def test_a_hidden_comment_cannot_be_reported_or_answered(topic, resident, moderator):
    comment = comment_create(author=resident, target=topic, body="Tekst")
    comment_hide(moderator=moderator, comment=comment, reason="Spam")
    with pytest.raises(CommentError, match="already hidden"):
        comment_report(reporter=UserFactory(), comment=comment, reason="spam")
    with pytest.raises(CommentError, match="hidden"):
        comment_create(author=UserFactory(), target=topic, body="Svar", parent=comment)
