from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from medborger.budgeting.models import BudgetProcess
from medborger.budgeting.selectors import ballot_log_lines


class Command(BaseCommand):
    help = (
        "Write a participatory budget's ballot log as JSON lines (position, entry, hash), for "
        "scripts/verify_ballots.py. The log holds no person: it can be published."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="the short name of the participatory budget")
        parser.add_argument("file", help="where to write the JSON lines")

    def handle(self, *args: Any, **options: Any) -> None:
        process = BudgetProcess.objects.filter(slug=options["slug"]).first()
        if process is None:
            raise CommandError(f"No participatory budget with the short name {options['slug']!r}.")
        lines = list(ballot_log_lines(process))
        Path(options["file"]).write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
        self.stdout.write(f"wrote {len(lines)} entries to {options['file']}")
