from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from medborger.proposals.models import Support
from medborger.proposals.services import supporters_due_to_forget, supporters_forget


class Command(BaseCommand):
    help = (
        "Delete who supported each finished citizen proposal once the municipality's retention "
        "period (ProposalRules: months to keep who supported) has passed. The number of "
        "supports stays. proposals_tick runs this too; use this command to run it alone or, "
        "with --dry-run, to see what it would delete."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["dry_run"]:
            due = supporters_due_to_forget(now=now)
            supports = Support.objects.filter(proposal_id__in=due).count()
            self.stdout.write(
                f"would forget the supporters of {len(due)} proposals ({supports} supports)"
            )
            return
        report = supporters_forget(now=now)
        self.stdout.write(
            f"forgot the supporters of {report.proposals} proposals ({report.supports} supports)"
        )
