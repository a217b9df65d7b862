from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from medborger.notifications.services import send_daily_digests
from medborger.notifications.tasks import send_daily_digests_task


class Command(BaseCommand):
    help = (
        "Send the daily notification digest to everyone who chose one email a day: one email per "
        "person with every notification since the last digest. Run it once a day from cron, e.g. "
        "'30 6 * * *  medborger  /usr/local/bin/medborger-manage send_digests' in "
        "/etc/cron.d/medborger (docs/operations.md). Safe to run twice or on two machines at "
        "once: a notification is emailed only once. With --enqueue the work goes to the task "
        "queue (manage.py db_worker) instead of running here."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the digest task for a db_worker instead of sending here.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = send_daily_digests_task.enqueue()
            self.stdout.write(f"Enqueued the digest task {result.id}.")
            return
        sent = send_daily_digests(now=timezone.now())
        self.stdout.write(f"Sent {sent} digest email(s).")
