from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from medborger.budgeting.services import results_publish_due


class Command(BaseCommand):
    help = (
        "Count every participatory budget whose voting has closed and publish the result at once "
        "(the results page also counts on its first view). Safe to run often; "
        "cron: * * * * * medborger-manage budgets_tick"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        published = results_publish_due(now=timezone.now())
        for process in published:
            self.stdout.write(f"counted {process.slug}")
        self.stdout.write(f"published {len(published)} result(s)")
