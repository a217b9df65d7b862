"""Follows and notifications: the writes.

Other apps call `notify_followers` from their own services when something a person may follow
changes (a proposal's status, a budget's result, a meeting's agenda …). Emails leave through
django-tasks, enqueued only after the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from medborger.accounts.models import NotificationFrequency, User
from medborger.accounts.predicates import municipality_id_of
from medborger.core import registry
from medborger.notifications.emails import notification_email
from medborger.notifications.models import Follow, Notification

logger = logging.getLogger(__name__)


class NotFollowable(ValueError):
    """The object's model is not registered for follows in core/registry.py."""


def _check_followable(target: Model) -> int:
    """The target's municipality id, once it is known to be a followable object."""
    registration = registry.registration_for(target)
    if registration is None or not registration.follows:
        raise NotFollowable(f"{target._meta.label} is not registered for follows")
    municipality_id = municipality_id_of(target)
    if municipality_id is None:
        raise NotFollowable(f"{target._meta.label} #{target.pk} has no municipality")
    return municipality_id


@transaction.atomic
def follow_add(*, user: User, target: Model, now: datetime | None = None) -> Follow:
    """Follow a registered object. Following it again changes nothing."""
    municipality_id = _check_followable(target)
    follow, _created = Follow.objects.get_or_create(
        user=user,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        defaults={
            "municipality_id": municipality_id,
            "created_at": now or timezone.now(),
        },
    )
    return follow


@transaction.atomic
def follow_remove(*, user: User, target: Model) -> bool:
    """Stop following; True when there was a follow to remove."""
    deleted, _per_model = Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).delete()
    return deleted > 0


def _enqueue_emails(notification_ids: Iterable[int]) -> None:
    from medborger.notifications.tasks import send_notification_email

    for notification_id in notification_ids:
        send_notification_email.enqueue(notification_id)


@transaction.atomic
def notify_followers(
    *,
    target: Model,
    event: str,
    title: str,
    body: str,
    url: str,
    actor: Any = None,
    now: datetime,
) -> list[Notification]:
    """One notification for each follower of `target` except the actor.

    Followers who want an email for each event get one from a task enqueued after the commit;
    followers who want a daily digest get it from `send_daily_digests`.
    """
    followers = Follow.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        user__is_active=True,
    )
    if actor is not None and getattr(actor, "pk", None) is not None:
        followers = followers.exclude(user_id=actor.pk)
    recipients = list(
        followers.order_by("id").values_list("user_id", "user__notification_frequency")
    )
    registration = registry.registration_for(target)
    permission_name = registration.view_permission if registration is not None else None
    if permission_name and recipients and not AnonymousUser().has_perm(permission_name, target):
        # Not public: somebody who followed it and may no longer see it (a role taken away, a
        # group made closed) is not told about it either. A public object skips the check.
        users = User.objects.in_bulk([user_id for user_id, _frequency in recipients])
        recipients = [
            (user_id, frequency)
            for user_id, frequency in recipients
            if users[user_id].has_perm(permission_name, target)
        ]
    return _notify(
        recipients=recipients, target=target, event=event, title=title, body=body, url=url, now=now
    )


@transaction.atomic
def notify_users(
    *,
    users: Iterable[Any],
    target: Model,
    event: str,
    title: str,
    body: str,
    url: str,
    now: datetime,
) -> list[Notification]:
    """Notify named people (a secretary's reminder, an escalation to the admin) about `target`,
    whether they follow it or not; each once, active users only."""
    seen: set[int] = set()
    recipients = []
    for user in users:
        if user is None or not user.is_active or user.pk in seen:
            continue
        seen.add(user.pk)
        recipients.append((user.pk, user.notification_frequency))
    return _notify(
        recipients=recipients, target=target, event=event, title=title, body=body, url=url, now=now
    )


def _notify(
    *,
    recipients: list[tuple[int, str]],
    target: Model,
    event: str,
    title: str,
    body: str,
    url: str,
    now: datetime,
) -> list[Notification]:
    municipality_id = _check_followable(target)
    content_type = ContentType.objects.get_for_model(target)
    if not recipients:
        return []
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=user_id,
                municipality_id=municipality_id,
                event=event,
                content_type=content_type,
                object_id=target.pk,
                title=title[:300],
                body=body,
                url=url,
                created_at=now,
                digest=frequency == NotificationFrequency.DAILY,
            )
            for user_id, frequency in recipients
        ],
        batch_size=500,
    )
    immediate = [
        n.pk
        for n, (_user_id, frequency) in zip(notifications, recipients, strict=True)
        if frequency == NotificationFrequency.IMMEDIATE
    ]
    if immediate:
        transaction.on_commit(partial(_enqueue_emails, immediate))
    return notifications


@transaction.atomic
def notifications_mark_read(
    *,
    user: User,
    now: datetime,
    municipality: Any = None,
    notification_ids: Iterable[int] | None = None,
) -> int:
    """Mark the user's unread notifications on this municipality's site (all, or the given ones)
    as read. Without a municipality nothing is marked: each site shows only its own."""
    if municipality is None:
        return 0
    unread = Notification.objects.filter(
        recipient=user, read_at__isnull=True, municipality=municipality
    )
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=now)


def _wants_email(user: User) -> bool:
    return bool(user.is_active and user.email) and (
        user.notification_frequency != NotificationFrequency.NEVER
    )


def notification_email_send(*, notification_id: int, now: datetime) -> bool:
    """Email one notification unless it went out already. True when an email was sent.

    The row is locked while the email is sent and marked, so two workers never send it twice.
    Someone who switched to the daily digest meanwhile gets it in the digest instead.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient", "municipality")
            .filter(pk=notification_id, emailed_at__isnull=True, digest=False)
            .first()
        )
        if notification is None:
            return False
        recipient = notification.recipient
        if recipient.notification_frequency == NotificationFrequency.DAILY:
            notification.digest = True
            notification.save(update_fields=["digest"])
            return False
        if not _wants_email(recipient):
            return False
        notification_email(
            recipient=recipient,
            municipality=notification.municipality,
            notifications=[notification],
            digest=False,
        ).send()
        notification.emailed_at = now
        notification.save(update_fields=["emailed_at"])
        return True


def _digest_pending(now: datetime) -> Any:
    return (
        Notification.objects.filter(digest=True, emailed_at__isnull=True, created_at__lt=now)
        .exclude(recipient__notification_frequency=NotificationFrequency.NEVER)
        .filter(recipient__is_active=True, recipient__email__isnull=False)
        .exclude(recipient__email="")
    )


def _digest_send_one(*, recipient_id: int, municipality_id: int, now: datetime) -> bool:
    with transaction.atomic():
        notifications = list(
            _digest_pending(now)
            .select_for_update(of=("self",))
            .filter(recipient_id=recipient_id, municipality_id=municipality_id)
            .select_related("recipient", "municipality")
            .order_by("created_at", "id")
        )
        if not notifications:
            return False
        notification_email(
            recipient=notifications[0].recipient,
            municipality=notifications[0].municipality,
            notifications=notifications,
            digest=True,
        ).send()
        Notification.objects.filter(
            pk__in=[n.pk for n in notifications], emailed_at__isnull=True
        ).update(emailed_at=now)
        return True


def send_daily_digests(*, now: datetime) -> int:
    """One email per person (and municipality) with every notification waiting for the digest
    from before `now`; returns how many emails went out. Running it again sends nothing new.

    Each person's notifications are locked, sent and marked in one transaction: a second worker
    running at the same time waits for the lock and then finds nothing left to send. One failing
    address does not stop the others; its notifications stay pending for the next run.
    """
    pairs = list(
        _digest_pending(now)
        .order_by("recipient_id", "municipality_id")
        .values_list("recipient_id", "municipality_id")
        .distinct()
    )
    sent = 0
    for recipient_id, municipality_id in pairs:
        try:
            if _digest_send_one(
                recipient_id=recipient_id, municipality_id=municipality_id, now=now
            ):
                sent += 1
        except Exception:
            logger.exception("Daily digest to user %s failed", recipient_id)
    return sent
