from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from medborger.proposals.services import proposals_tick


class Command(BaseCommand):
    help = (
        "Let the clock act on citizen proposals: expire windows, remind committees before the "
        "answer is due, escalate overdue reviews, answers and questions, and delete who "
        "supported finished proposals after the retention period. Safe to run often; "
        "cron: */15 * * * * medborger-manage proposals_tick"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = proposals_tick(now=timezone.now())
        self.stdout.write(
            f"expired {report.expired}, reminders {report.reminders}, "
            f"escalations {report.escalations}, "
            f"supporters forgotten {report.supporters_forgotten}"
        )
