from django.utils import timezone
from django_tasks import task

from medborger.proposals.services import proposals_tick


@task()
def proposals_tick_task() -> dict[str, int]:
    report = proposals_tick(now=timezone.now())
    return {
        "expired": report.expired,
        "reminders": report.reminders,
        "escalations": report.escalations,
        "supporters_forgotten": report.supporters_forgotten,
    }
