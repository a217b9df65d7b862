"""Background work (django-tasks). Tests run it at once; production runs `manage.py db_worker`."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def send_notification_email(notification_id: int) -> bool:
    """Email one notification to a recipient who wants an email for each event."""
    from medborger.notifications.services import notification_email_send

    return notification_email_send(notification_id=notification_id, now=timezone.now())


@task()
def send_daily_digests_task() -> int:
    """Send every pending daily digest; returns how many emails went out."""
    from medborger.notifications.services import send_daily_digests

    return send_daily_digests(now=timezone.now())
