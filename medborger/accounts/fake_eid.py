"""A fake eID provider for the demo and the tests: pick a fictional test person.

It never runs with DEBUG off: the URL is not routed, the view refuses, and a system check fails
(see medborger/core/checks.py and tests/accounts/test_fake_eid.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings


@dataclass(frozen=True)
class TestPerson:
    code: str
    name: str
    national_id: str  # fictional CPR, never a real person's
    birth_date: date
    area_slug: str
    assurance_level: int = 2


TEST_PERSONS: tuple[TestPerson, ...] = (
    TestPerson("anna", "Anna Krogh Madsen", "1203851234", date(1985, 3, 12), "lyngholt-midtby"),
    TestPerson("mads", "Mads Østergaard", "0507624321", date(1962, 7, 5), "bakkely"),
    TestPerson("fatima", "Fatima Hassan", "2210994562", date(1999, 10, 22), "engparken"),
    TestPerson("jonas", "Jonas Friis", "1402114018", date(2011, 2, 14), "strandvig"),
    TestPerson("birthe", "Birthe Lund", "3001484722", date(1948, 1, 30), "kirkeby"),
    TestPerson("ole", "Ole Brandt", "0911734567", date(1973, 11, 9), "lyngholt-nord"),
    TestPerson("sara", "Sara Nielsen", "1808094123", date(2009, 8, 18), "engparken"),
    TestPerson("erik", "Erik Sandberg", "2506901234", date(1990, 6, 25), "bakkely", 3),
)


def enabled() -> bool:
    return bool(settings.DEBUG and settings.MEDBORGER_FAKE_EID)


def find(code: str) -> TestPerson | None:
    return next((p for p in TEST_PERSONS if p.code == code), None)
