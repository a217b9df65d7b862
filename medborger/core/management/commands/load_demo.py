from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from medborger.core.demo import load_all


class Command(BaseCommand):
    help = "Build (or refresh) the fictional demo municipality Lyngholt Kommune. Safe to run twice."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            summary = load_all()
        for line in summary:
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo ready at http://127.0.0.1:8000/"))
