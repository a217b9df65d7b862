from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from medborger.meetings.services import send_reminders


class Command(BaseCommand):
    help = (
        "Send each person with a seat one reminder the day before the meeting. Safe to run "
        "often; cron: */15 * * * * medborger-manage meetings_tick"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_reminders(now=timezone.now())
        self.stdout.write(f"reminders {sent}")
