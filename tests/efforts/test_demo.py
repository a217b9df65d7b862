"""The demo holistic plan: four efforts, 75 % from Landsbyggefonden and 25 % locally, the overlap
warning and the lonely financing, and a second run that duplicates nothing."""

from __future__ import annotations

import pytest

from medborger.core import demo
from medborger.core.models import AuditEntry
from medborger.efforts import selectors
from medborger.efforts.demo import PLAN_TITLE, load_efforts
from medborger.efforts.models import Effort, FinancingLine, Responsibility, TargetGroup

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        Effort.objects.count(),
        FinancingLine.objects.count(),
        Responsibility.objects.count(),
        TargetGroup.objects.count(),
        AuditEntry.objects.filter(target_type__startswith="efforts.").count(),
    )


def test_the_loader_is_registered():
    assert load_efforts in demo._LOADERS


def test_the_plan_and_its_warnings_and_a_second_run_duplicates_nothing():
    context = demo.load_foundation()
    summary = load_efforts(context)
    first = counts()
    ids = sorted(Effort.objects.values_list("pk", flat=True))
    load_efforts(demo.load_foundation())
    assert counts() == first
    assert sorted(Effort.objects.values_list("pk", flat=True)) == ids
    assert summary == [
        f"Efforts: {PLAN_TITLE} with 4 efforts, 5.600.000 kr (75\u00a0% Landsbyggefonden, "
        "25\u00a0% local); 1 effort outside the plan; 0 goal links; "
        "0 goals served by budget projects and proposals."
    ]

    plan = Effort.objects.get(title=PLAN_TITLE)
    assert plan.is_plan and plan.area is not None and plan.area.slug == "engparken"
    assert (plan.start.year, plan.last_day.year) == (2026, 2029)
    assert plan.children.count() == 4
    forms = set(FinancingLine.objects.values_list("form", flat=True))
    assert {"cash", "staff_hours", "secondment", "meeting_hours", "in_kind"} <= forms

    rows = selectors.effort_rows(municipality=context.municipality)
    warned = {r.effort.title: sorted(w.kind for w in r.warnings) for r in rows if r.warnings}
    assert warned == {
        "Lektiecafé i Beboerhuset": ["overlap"],
        "Lektiehjælp på biblioteket i Engparken": ["few_parties", "overlap"],
    }
    for child in plan.children.all():
        loaded = selectors.effort_detail(municipality=context.municipality, pk=child.pk)
        assert loaded is not None
        view = selectors.financing_of(loaded)
        assert (view.fund_share, view.local_share) == ("75\u00a0%", "25\u00a0%"), child.title
