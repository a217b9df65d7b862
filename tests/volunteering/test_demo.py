"""The demo Grønne Hold: six teams in the demo areas, weekly clean-ups with hours, the
contributions, a children's activity needing a børneattest with one volunteer missing it, and a
second run that duplicates nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from medborger.core import demo
from medborger.core.models import AuditEntry
from medborger.volunteering import selectors
from medborger.volunteering.demo import load_volunteering
from medborger.volunteering.models import (
    ActivitySeries,
    CertificateCheck,
    Contribution,
    HoursEntry,
    Membership,
    Programme,
    Session,
    SignUp,
    Team,
)

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Programme.objects.count(),
        Team.objects.count(),
        ActivitySeries.objects.count(),
        Session.objects.count(),
        SignUp.objects.count(),
        HoursEntry.objects.count(),
        Contribution.objects.count(),
        Membership.objects.count(),
        CertificateCheck.objects.count(),
        AuditEntry.objects.filter(action__startswith="volunteer_").count(),
    )


def test_the_loader_is_registered():
    assert load_volunteering in demo._LOADERS


def test_demo_content_and_a_second_run_duplicates_nothing():
    context = demo.load_foundation()
    load_volunteering(context)
    first = counts()
    programme = Programme.objects.get()
    team_ids = sorted(Team.objects.values_list("pk", flat=True))
    load_volunteering(demo.load_foundation())
    assert counts() == first
    assert Programme.objects.get().pk == programme.pk
    assert sorted(Team.objects.values_list("pk", flat=True)) == team_ids

    assert programme.name == "Grønne Hold i Lyngholt"
    assert Team.objects.count() == 6
    assert {t.area.slug for t in Team.objects.select_related("area")} == {
        "lyngholt-midtby",
        "lyngholt-nord",
        "engparken",
        "bakkely",
        "kirkeby",
        "strandvig",
    }
    totals = selectors.programme_totals(programme=programme)
    assert totals.volunteers >= 25 and totals.minutes > 0 and totals.money == 6 * 1_980
    assert HoursEntry.objects.filter(status="pending").exists()
    descriptions = set(Contribution.objects.values_list("description", flat=True))
    assert {"Sikkerhedsveste", "Affaldsgribere", "Affaldssække"} <= descriptions
    assert Contribution.objects.filter(kind="fuel").count() == 6
    kids = ActivitySeries.objects.get(requires_certificate=True)
    assert kids.team.area.slug == "kirkeby"
    rows = selectors.certificate_register(
        municipality=programme.municipality, today=timezone.localdate()
    )
    assert sum(1 for r in rows if not r.valid) == 1
    assert Session.objects.filter(starts_at__lt=timezone.now()).exists()
    assert Session.objects.filter(starts_at__gt=timezone.now()).exists()
