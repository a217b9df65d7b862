from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborger.budgeting.models import BudgetProcess
from medborger.budgeting.services import ballots_verify


class Command(BaseCommand):
    help = "Check the hash chain of a participatory budget's ballots and print the recount."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the short name of the participatory budget")

    def handle(self, *args: Any, **options: Any) -> None:
        process = BudgetProcess.objects.filter(slug=options["slug"]).first()
        if process is None:
            raise CommandError(f"No participatory budget with the short name {options['slug']!r}.")
        result = ballots_verify(process=process)
        verdict = result.verdict
        if not verdict.ok:
            self.stdout.write(
                f"BROKEN at position {verdict.first_bad_position}: {verdict.reason} "
                f"({verdict.checked} entries fine before it)"
            )
            raise CommandError("The ballot log does not verify.", returncode=1)
        self.stdout.write(f"OK: {verdict.checked} entries, {result.tally.voters} current ballots")
        for pid, points in result.tally.points.items():
            self.stdout.write(f"  project {pid}: {points}")
        self.stdout.write(f"  funded: {', '.join(result.tally.selected) or '-'}")
