from __future__ import annotations

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from medborger.notifications import emails
from medborger.notifications.models import Notification
from medborger.notifications.services import (
    follow_add,
    notification_email_send,
    notify_followers,
    send_daily_digests,
)
from medborger.notifications.tasks import send_daily_digests_task, send_notification_email

pytestmark = pytest.mark.django_db


def _notify(target, *, title="Status changed", now=None, actor=None):  # type: ignore[no-untyped-def]
    return notify_followers(
        target=target,
        event="topic.changed",
        title=title,
        body="Details follow.",
        url=target.get_absolute_url(),
        actor=actor,
        now=now or timezone.now(),
    )


def test_immediate_email_is_sent_only_after_commit(
    topic, make_user, django_capture_on_commit_callbacks
):
    user = make_user("immediate")
    follow_add(user=user, target=topic)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _notify(topic, title="The topic is closed")
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == "Lyngby Testkommune: The topic is closed"
    assert "The topic is closed" in message.body
    assert "http://lyngby.test/test/emne/" in message.body
    assert "http://lyngby.test/profil/" in message.body  # where to change the frequency
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "The topic is closed" in html
    assert 'href="http://lyngby.test/profil/"' in html
    assert Notification.objects.get(recipient=user).emailed_at is not None


def test_no_email_when_the_transaction_rolls_back(
    topic, make_user, django_capture_on_commit_callbacks
):
    user = make_user("immediate")
    follow_add(user=user, target=topic)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                _notify(topic)
                raise RuntimeError("the caller's change failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_immediate_email_is_sent_once(topic, make_user, django_capture_on_commit_callbacks):
    user = make_user("immediate")
    follow_add(user=user, target=topic)
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = _notify(topic)
    assert len(mail.outbox) == 1
    # A retried or duplicated task finds the notification emailed already.
    send_notification_email.enqueue(notification.pk)
    assert notification_email_send(notification_id=notification.pk, now=timezone.now()) is False
    assert len(mail.outbox) == 1


def test_user_switched_to_never_before_the_task_ran(topic, make_user):
    user = make_user("immediate")
    follow_add(user=user, target=topic)
    (notification,) = _notify(topic)
    user.notification_frequency = "never"
    user.save()
    assert notification_email_send(notification_id=notification.pk, now=timezone.now()) is False
    assert mail.outbox == []


def test_user_switched_to_daily_gets_it_in_the_digest(topic, make_user):
    user = make_user("immediate")
    follow_add(user=user, target=topic)
    now = timezone.now()
    (notification,) = _notify(topic, now=now)
    user.notification_frequency = "daily"
    user.save()
    assert notification_email_send(notification_id=notification.pk, now=now) is False
    assert mail.outbox == []
    assert send_daily_digests(now=now + timedelta(hours=1)) == 1
    assert len(mail.outbox) == 1


def test_user_without_email_address_gets_no_email(topic, make_user):
    user = make_user("immediate")
    user.email = None
    user.save()
    follow_add(user=user, target=topic)
    (notification,) = _notify(topic)
    assert notification_email_send(notification_id=notification.pk, now=timezone.now()) is False
    assert mail.outbox == []


def test_daily_digest_collects_notifications_into_one_email(
    topic, make_user, django_capture_on_commit_callbacks
):
    daily, never = make_user("daily"), make_user("never")
    follow_add(user=daily, target=topic)
    follow_add(user=never, target=topic)
    start = timezone.now() - timedelta(hours=5)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _notify(topic, title="First change", now=start)
        _notify(topic, title="Second change", now=start + timedelta(hours=1))
        _notify(topic, title="Third change", now=start + timedelta(hours=2))
    assert callbacks == []  # nobody wants an email per event
    assert mail.outbox == []

    assert send_daily_digests(now=start + timedelta(hours=3)) == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [daily.email]
    assert message.subject.startswith("Lyngby Testkommune: ")
    for title in ("First change", "Second change", "Third change"):
        assert title in message.body
        assert title in message.alternatives[0][0]
    assert message.body.index("First change") < message.body.index("Third change")
    assert not Notification.objects.filter(recipient=daily, emailed_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=never, emailed_at__isnull=True).count() == 3


def test_daily_digest_is_idempotent_and_waits_for_new_notifications(topic, make_user):
    user = make_user("daily")
    follow_add(user=user, target=topic)
    now = timezone.now()
    _notify(topic, title="Before", now=now - timedelta(minutes=5))
    _notify(topic, title="After the run started", now=now + timedelta(minutes=5))

    assert send_daily_digests(now=now) == 1
    assert send_daily_digests(now=now) == 0
    assert len(mail.outbox) == 1
    assert "Before" in mail.outbox[0].body
    assert "After the run started" not in mail.outbox[0].body

    assert send_daily_digests(now=now + timedelta(days=1)) == 1
    assert len(mail.outbox) == 2
    assert "After the run started" in mail.outbox[1].body
    assert "Before" not in mail.outbox[1].body


def test_failed_digest_stays_pending(topic, make_user):
    user = make_user("daily")
    follow_add(user=user, target=topic)
    now = timezone.now()
    _notify(topic, now=now - timedelta(minutes=1))
    with mock.patch("django.core.mail.message.EmailMessage.send", side_effect=OSError("SMTP down")):
        assert send_daily_digests(now=now) == 0
    assert Notification.objects.get(recipient=user).emailed_at is None
    assert send_daily_digests(now=now) == 1


def test_digest_task_and_command(topic, make_user):
    user = make_user("daily")
    follow_add(user=user, target=topic)
    _notify(topic, now=timezone.now() - timedelta(minutes=1))
    result = send_daily_digests_task.enqueue()
    assert result.return_value == 1
    assert len(mail.outbox) == 1

    _notify(topic, now=timezone.now() - timedelta(seconds=1))
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 2


def test_email_is_rendered_in_the_recipients_language(topic, make_user):
    user = make_user("immediate", language="sv")
    follow_add(user=user, target=topic)
    (notification,) = _notify(topic, title="Lekplatsen är klar")
    seen: list[str | None] = []
    real = emails.render_to_string

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(translation.get_language())
        return real(*args, **kwargs)

    translation.activate("da")
    with mock.patch.object(emails, "render_to_string", side_effect=spy):
        assert notification_email_send(notification_id=notification.pk, now=timezone.now())
    assert seen == ["sv", "sv"]
    assert translation.get_language() == "da"  # the override ended
    html = mail.outbox[0].alternatives[0][0]
    assert '<html lang="sv">' in html
    assert "Lyngby Testkommune" in mail.outbox[0].subject
    assert "Lekplatsen är klar" in mail.outbox[0].subject


def test_language_not_offered_falls_back_to_the_municipality_default(municipality, make_user):
    municipality.languages = ["da"]
    user = make_user(language="sv")
    assert emails.email_language(user=user, municipality=municipality) == "da"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_never_send_the_same_digest_twice(municipality, make_user):
    from django.db import connection

    from tests.factories import TopicFactory

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; SQLite serialises writers anyway")
    topic = TopicFactory(municipality=municipality)
    user = make_user("daily")
    follow_add(user=user, target=topic)
    now = timezone.now()
    _notify(topic, now=now - timedelta(minutes=1))
    results: list[int] = []

    def run() -> None:
        from django.db import connection

        try:
            results.append(send_daily_digests(now=now))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert len(mail.outbox) == 1
