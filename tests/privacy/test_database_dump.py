"""The privacy promise, checked on the whole database.

Load the demo (every capability, 50 residents, 34 with a verified identity), then let a few
residents who took part in everything sign in and delete their accounts from the profile, as a
person would. Then read every table, every column and every row (tests/privacy/dump.py; the
same code on SQLite and PostgreSQL) and look for:

- the national id (CPR number) of every identity the demo verified, with and without the
  hyphen, and anything else shaped like a CPR number or a personnummer: only keys (HMAC) may be
  stored;
- the name and every email address of each erased person: also not in the audit log, the
  log-in records, the admin's change log, the sessions, notifications, supports, booking
  requests, fast-track applications or group memberships.

The demo is loaded once for the module (about 45 s on SQLite) inside a transaction that is
rolled back at the end, so the other tests never see it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client, TestCase
from django.urls import reverse

from medborger.accounts import fake_eid
from medborger.accounts.identity import identity_verify
from medborger.accounts.models import Identity, User
from medborger.comments.models import Comment
from medborger.core import demo
from medborger.core.demo import DEMO_PASSWORD
from medborger.places.models import Municipality
from medborger.proposals.models import Proposal, Support
from tests.privacy.dump import Cell, database_cells, database_tables

pytestmark = pytest.mark.django_db

# How many of the most active verified residents delete their accounts.
ERASED = 4

# Shaped like a CPR number (DDMMYY-SSSS) or a personnummer (YYYYMMDD-NNNN or YYMMDD-NNNN), with
# a date that exists, not part of a longer word or number (hex keys are letters and digits).
_NATIONAL_ID = re.compile(
    r"(?<![0-9A-Za-z-])(?:(?:19|20)(\d{2})(\d{2})(\d{2})|(\d{2})(\d{2})(\d{2}))[-+]?\d{4}"
    r"(?![0-9A-Za-z])"
)


def matcher(needles: set[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)), re.I)


def national_id_shapes(text: str) -> list[str]:
    found = []
    for match in _NATIONAL_ID.finditer(text):
        long_y, long_m, long_d, dd, mm, _yy = match.groups()
        day, month = (int(long_d), int(long_m)) if long_y else (int(dd), int(mm))
        if 1 <= month <= 12 and 1 <= day <= 31:
            found.append(match.group(0))
    return found


@dataclass
class Person:
    pk: int
    name: str
    emails: set[str]
    relations: set[str]
    supports: int
    comments: int

    @property
    def needles(self) -> set[str]:
        return {self.name.casefold()} | {e.casefold() for e in self.emails}


@dataclass
class Erased:
    national_ids: set[str]
    people: list[Person]
    seen_before: Counter[str] = field(default_factory=Counter)
    totals_before: dict[str, Any] = field(default_factory=dict)


def _relations(user: User) -> set[str]:
    """Which kinds of rows point at the user (model.field), to pick people who did much."""
    kinds = set()
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if (
                isinstance(f, models.ForeignKey)
                and f.concrete
                and f.related_model is User
                and model._base_manager.filter(**{f.name: user}).exists()
            ):
                kinds.add(f"{model._meta.label}.{f.name}")
    return kinds


def _pick(count: int) -> list[Person]:
    """Verified residents, greedily: each next one adds the most kinds of data not yet covered.
    Only people whose name no other account shares, so a hit is theirs."""
    names = Counter(User.objects.values_list("name", flat=True))
    candidates = []
    for user in User.objects.filter(
        identity__isnull=False, role_assignments__role="resident"
    ).distinct():
        if names[user.name] != 1 or len(user.name.split()) < 2:
            continue
        candidates.append(
            Person(
                pk=user.pk,
                name=user.name,
                emails={user.email or ""}
                | set(user.emailaddress_set.values_list("email", flat=True)),
                relations=_relations(user),
                supports=Support.objects.filter(user=user).count(),
                comments=Comment.objects.filter(author=user).count(),
            )
        )
    chosen: list[Person] = []
    covered: set[str] = set()
    for _ in range(count):
        best = max(
            (p for p in candidates if p not in chosen),
            key=lambda p: (len(p.relations - covered), len(p.relations), -p.pk),
        )
        chosen.append(best)
        covered |= best.relations
    for person in chosen:
        person.emails.discard("")
    return chosen


def _erase(person: Person, host: str) -> None:
    """As the person would: a failed and a good sign-in, then delete the account on the profile."""
    Client(HTTP_HOST=host, REMOTE_ADDR="10.9.8.7").post(
        "/accounts/login/", {"login": sorted(person.emails)[0], "password": "wrong-password"}
    )
    client = Client(HTTP_HOST=host)
    client.cookies["medborger_language"] = "en"
    signed_in = client.post(
        "/accounts/login/", {"login": sorted(person.emails)[0], "password": DEMO_PASSWORD}
    )
    assert signed_in.status_code == 302, signed_in.content[:500]
    assert client.get(reverse("accounts:export")).status_code == 200
    # Signed in on a second device too: that session row outlives the deletion (the dump
    # decodes session data).
    other = Client(HTTP_HOST=host)
    other.force_login(User.objects.get(pk=person.pk))
    done = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert done.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()


def _totals() -> dict[str, Any]:
    return {
        "support_count": sorted(Proposal.objects.values_list("pk", "support_count")),
        "supports": Support.objects.count(),
        "comments": Comment.objects.count(),
    }


@pytest.fixture(scope="module")
def erased(django_db_setup: None, django_db_blocker: Any) -> Iterator[Erased]:
    national_ids: set[str] = set()

    def remember(*, user: Any, assertion: Any, now: Any) -> Any:
        if assertion.scheme in ("dk-cpr", "se-pnr"):
            national_ids.add(assertion.subject)
        return identity_verify(user=user, assertion=assertion, now=now)

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with (
                mock.patch.object(demo, "identity_verify", remember),
                TestCase.captureOnCommitCallbacks(execute=True),
            ):
                call_command("load_demo", verbosity=0)
            people = _pick(ERASED)
            result = Erased(national_ids=national_ids, people=people, totals_before=_totals())
            find = matcher({n for p in people for n in p.needles})
            for cell in database_cells():
                result.seen_before.update(m.casefold() for m in find.findall(cell.text))
            host = Municipality.objects.get(slug="lyngholt").host_list()[0]
            with TestCase.captureOnCommitCallbacks(execute=True):
                for person in people:
                    _erase(person, host)
            yield result
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="module")
def cells(erased: Erased, django_db_blocker: Any) -> list[Cell]:
    with django_db_blocker.unblock():
        return list(database_cells())


def test_the_dump_reads_every_table(erased, cells):
    tables = set(database_tables())
    for model in apps.get_models():
        assert model._meta.db_table in tables
    assert {"django_session", "axes_accesslog", "socialaccount_socialaccount"} <= tables
    dumped = {c.table for c in cells}
    assert {"proposals_support", "core_auditentry", "django_session", "budgeting_ballot"} <= dumped


def test_no_national_id_is_stored_anywhere(erased, cells):
    # The demo verified its residents through identity_verify with (fictional) CPR numbers.
    assert len(erased.national_ids) >= 30
    assert Identity.objects.count() == len(erased.national_ids) - len(erased.people)
    needles = set()
    for number in erased.national_ids | {p.national_id for p in fake_eid.TEST_PERSONS}:
        needles |= {number, f"{number[:6]}-{number[6:]}"}
    find = matcher(needles)
    found = [str(c) for c in cells if find.search(c.text)]
    assert not found, found[:10]
    shaped = [(str(c), national_id_shapes(c.text)) for c in cells if national_id_shapes(c.text)]
    assert not shaped, shaped[:10]


def test_no_name_or_email_of_an_erased_person_is_left(erased, cells):
    for person in erased.people:
        # Before the deletion each was all over the database (so the search can find them).
        assert erased.seen_before[person.name.casefold()] >= 1, person.name
        for email in person.emails:
            assert erased.seen_before[email.casefold()] >= 1, email
    find = matcher({n for p in erased.people for n in p.needles})
    found = [f"{find.findall(c.text)} in {c}" for c in cells if find.search(c.text)]
    assert not found, found[:20]


def test_what_they_did_stays_without_them(erased, cells):
    """Anonymised, not deleted: comments stay as 'deleted participant', supports stay counted
    (a support is a political opinion: the name shown beside it goes, the count does not)."""
    assert sum(p.supports for p in erased.people) > 0
    assert sum(p.comments for p in erased.people) > 0
    assert _totals() == erased.totals_before
    assert (
        not Support.objects.filter(user__isnull=True, source="online")
        .exclude(public_name="")
        .exists()
    )
    assert not User.objects.filter(pk__in=[p.pk for p in erased.people]).exists()
