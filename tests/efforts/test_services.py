"""Services of efforts: every change is staff-only, stays inside one municipality, refuses bad
lines with a readable message, and writes the audit log. The selectors compute shares and
warnings (few parties, low local share, overlap naming the other effort) from what was saved."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from medborger.core.models import AuditEntry
from medborger.efforts import selectors, services
from medborger.efforts.models import Effort, FinancingLine, GoalContribution
from medborger.goals.models import Goal
from medborger.proposals.models import Proposal
from tests.efforts.conftest import NOW, cash_line, hours_line
from tests.factories import OrganisationFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def test_an_effort_is_made_with_partners_and_audited(make_effort, orgs, staff):
    effort = make_effort(partners=(orgs["kommune"], orgs["forening"]))
    assert set(effort.partners.all()) == {orgs["kommune"], orgs["forening"]}
    entry = AuditEntry.objects.get(action="effort.created")
    assert entry.actor == staff and entry.target_id == str(effort.pk)
    assert entry.after["partners"] == sorted([orgs["kommune"].pk, orgs["forening"].pk])


def test_a_resident_cannot_make_an_effort(make_effort, municipality):
    resident = grant(UserFactory(), "resident", municipality)
    with pytest.raises(services.EffortError, match="staff"):
        make_effort(actor=resident)
    assert not Effort.objects.exists()


def test_another_municipalitys_organisation_or_area_is_refused(make_effort, other_municipality):
    stranger = OrganisationFactory(municipality=other_municipality)
    with pytest.raises(services.EffortError) as error:
        make_effort(owner=stranger)
    assert error.value.field == "owner"
    with pytest.raises(services.EffortError) as error:
        make_effort(partners=(stranger,))
    assert error.value.field == "partners"
    assert not Effort.objects.exists()


def test_the_end_must_be_after_the_start_and_plans_do_not_nest(make_effort):
    with pytest.raises(services.EffortError) as error:
        make_effort(start=date(2027, 1, 1), end=date(2027, 1, 1))
    assert error.value.field == "end"
    plan = make_effort("Helhedsplan", kind="plan")
    with pytest.raises(services.EffortError):
        make_effort("Plan i plan", kind="plan", plan=plan)
    effort = make_effort("Lektiecafé")
    with pytest.raises(services.EffortError):
        make_effort("Under en indsats", plan=effort)


def test_the_target_group_is_found_again_by_name(municipality, staff, youth):
    again = services.target_group_get_or_create(
        actor=staff, municipality=municipality, name="  unge 15-25   år ", now=NOW
    )
    assert again == youth


def test_financing_shares_75_25_with_hours_made_into_kroner(make_effort, orgs):
    effort = make_effort()
    actor = AuditEntry.objects.get(action="effort.created").actor
    services.financing_line_add(
        actor=actor, effort=effort, data=cash_line(3_000_000, fund="Landsbyggefonden"), now=NOW
    )
    services.financing_line_add(
        actor=actor, effort=effort, data=cash_line(600_000, party=orgs["kommune"]), now=NOW
    )
    services.financing_line_add(
        actor=actor,
        effort=effort,
        data=hours_line(orgs["bolig"], hours="10", rate="400", weeks="100"),
        now=NOW,
    )
    view = selectors.financing_of(
        selectors.effort_detail(municipality=effort.municipality, pk=effort.pk)
    )  # type: ignore[arg-type]
    assert (view.total, view.fund, view.local) == ("4.000.000 kr", "3.000.000 kr", "1.000.000 kr")
    assert (view.fund_share, view.local_share) == ("75\u00a0%", "25\u00a0%")
    assert [(p.party, p.value, p.share) for p in view.parties] == [
        ("Landsbyggefonden", "3.000.000 kr", "75\u00a0%"),
        ("Lyngholt Kommune", "600.000 kr", "15\u00a0%"),
        ("Boligselskabet Engparken", "400.000 kr", "10\u00a0%"),
    ]
    assert view.result.warnings == ()
    assert "10 hours a week × 400 kr × 100 weeks" in view.lines[2].how
    assert AuditEntry.objects.filter(action="financingline.created").count() == 3


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ("no_amount", "amount"),
        ("no_rate", "hours_per_week"),
        ("both", "party"),
        ("neither", "party"),
        ("reversed", "end"),
    ],
)
def test_bad_lines_are_refused_and_nothing_is_saved(make_effort, orgs, staff, data, field):
    effort = make_effort()
    lines = {
        "no_amount": services.LineData(
            form="in_kind", start=date(2026, 1, 1), end=date(2027, 1, 1), party=orgs["kommune"]
        ),
        "no_rate": services.LineData(
            form="meeting_hours",
            start=date(2026, 1, 1),
            end=date(2027, 1, 1),
            party=orgs["kommune"],
            hours_per_week=Decimal(2),
        ),
        "both": cash_line(5, party=orgs["kommune"], fund="Landsbyggefonden"),
        "neither": cash_line(5),
        "reversed": services.LineData(
            form="cash",
            start=date(2027, 1, 1),
            end=date(2026, 1, 1),
            party=orgs["kommune"],
            amount=Decimal(5),
        ),
    }
    with pytest.raises(services.EffortError) as error:
        services.financing_line_add(actor=staff, effort=effort, data=lines[data], now=NOW)
    assert error.value.field == field and str(error.value)
    assert not FinancingLine.objects.exists()


def test_warnings_few_parties_low_local_share_and_overlap(make_effort, orgs, staff):
    lonely = make_effort("Beskæftigelse")
    services.financing_line_add(
        actor=staff, effort=lonely, data=cash_line(100_000, party=orgs["kommune"]), now=NOW
    )
    low = make_effort("Lektiecafé", start=date(2027, 1, 1), end=date(2028, 1, 1))
    services.financing_line_add(
        actor=staff, effort=low, data=cash_line(900, fund="Landsbyggefonden"), now=NOW
    )
    services.financing_line_add(
        actor=staff, effort=low, data=cash_line(100, party=orgs["bolig"]), now=NOW
    )

    def warnings(effort: Effort) -> list[tuple[str, str]]:
        loaded = selectors.effort_detail(municipality=effort.municipality, pk=effort.pk)
        assert loaded is not None
        view = selectors.financing_of(loaded)
        return [
            (w.kind, w.text)
            for w in selectors.warnings_of(loaded, view, selectors.overlaps_of(loaded))
        ]

    lonely_warnings = warnings(lonely)
    assert [k for k, _ in lonely_warnings] == ["few_parties", "overlap"]
    assert "“Lektiecafé”" in lonely_warnings[1][1]
    low_warnings = warnings(low)
    assert [k for k, _ in low_warnings] == ["local_share_low", "overlap"]
    assert "10\u00a0%" in low_warnings[0][1] and "25\u00a0%" in low_warnings[0][1]
    assert "“Beskæftigelse”" in low_warnings[1][1]


def test_no_overlap_when_stopped_another_group_or_back_to_back(make_effort, municipality, staff):
    first = make_effort("A", start=date(2026, 1, 1), end=date(2027, 1, 1))
    make_effort("Lige efter", start=date(2027, 1, 1), end=date(2028, 1, 1))
    older = services.target_group_get_or_create(
        actor=staff, municipality=municipality, name="Ældre", now=NOW
    )
    make_effort("Ældre", target_group=older)
    stopped = make_effort("Stoppet")
    services.effort_set_status(actor=staff, effort_id=stopped.pk, status="stopped", now=NOW)
    make_effort("Planen", kind="plan")
    assert selectors.overlaps_of(first) == []
    rows = selectors.effort_rows(municipality=municipality)
    assert all(w.kind != "overlap" for r in rows for w in r.warnings)


def test_status_change_is_audited_and_checked(make_effort, staff):
    effort = make_effort()
    with pytest.raises(services.EffortError):
        services.effort_set_status(actor=staff, effort_id=effort.pk, status="dreaming", now=NOW)
    services.effort_set_status(actor=staff, effort_id=effort.pk, status="running", now=NOW)
    entry = AuditEntry.objects.get(action="effort.status")
    assert entry.before == {"status": "planned"} and entry.after == {"status": "running"}


def test_a_plans_financing_includes_its_efforts(make_effort, orgs, staff, municipality):
    plan = make_effort("Helhedsplan Engparken", kind="plan", target_group=None)
    child = make_effort("Tryghed", plan=plan)
    services.financing_line_add(
        actor=staff, effort=child, data=cash_line(750, fund="Landsbyggefonden"), now=NOW
    )
    services.financing_line_add(
        actor=staff, effort=plan, data=cash_line(250, party=orgs["kommune"]), now=NOW
    )
    loaded = selectors.effort_detail(municipality=municipality, pk=plan.pk)
    assert loaded is not None
    view = selectors.financing_of(loaded)
    assert (view.total, view.fund_share, view.local_share) == ("1.000 kr", "75\u00a0%", "25\u00a0%")
    assert view.result.warnings == ()
    with pytest.raises(services.EffortError) as error:
        services.effort_update(
            actor=staff,
            effort_id=plan.pk,
            data=services.EffortData(
                title=plan.title, owner=orgs["bolig"], start=plan.start, end=plan.end
            ),
            now=NOW,
        )
    assert error.value.field == "kind"


# --- one picture ---------------------------------------------------------------------------------


def _proposal(municipality, **fields):  # type: ignore[no-untyped-def]
    values = {"title": "Lektiecafé i Engparken", "summary": "Kort.", "body": "Langt."}
    values.update(fields)
    return Proposal.objects.create(municipality=municipality, **values)


def test_what_serves_a_goal(make_effort, municipality, staff, other_municipality):
    goal = Goal.objects.create(municipality=municipality, title="Flere unge i uddannelse")
    linked = make_effort("Lektiecafé")
    linked.goals.add(goal)
    declared = make_effort("Jobcafé")
    services.contribution_add(actor=staff, goal=goal, target=declared, how="Job", now=NOW)
    services.contribution_add(actor=staff, goal=goal, target=linked, now=NOW)  # no duplicate
    adopted = _proposal(municipality, decision="adopted")
    services.contribution_add(actor=staff, goal=goal, target=adopted, now=NOW)

    items = selectors.serving(goal)
    assert [(i.kind, i.title) for i in items] == [
        ("Effort", "Lektiecafé"),
        ("Effort", "Jobcafé"),
        ("Citizen proposal", str(adopted)),
    ]
    assert items[1].how == "Job" and items[0].url == f"/indsatser/{linked.pk}/"
    assert AuditEntry.objects.filter(action="goalcontribution.created").count() == 3


def test_only_adopted_proposals_of_the_same_municipality_serve_once(
    municipality, staff, other_municipality, orgs
):
    goal = Goal.objects.create(municipality=municipality, title="Mål")
    with pytest.raises(services.EffortError, match="adopted"):
        services.contribution_add(
            actor=staff, goal=goal, target=_proposal(municipality, decision="rejected"), now=NOW
        )
    with pytest.raises(services.EffortError):
        services.contribution_add(
            actor=staff,
            goal=goal,
            target=_proposal(other_municipality, decision="adopted"),
            now=NOW,
        )
    with pytest.raises(services.EffortError):
        services.contribution_add(actor=staff, goal=goal, target=orgs["bolig"], now=NOW)
    adopted = _proposal(municipality, decision="adopted")
    services.contribution_add(actor=staff, goal=goal, target=adopted, now=NOW)
    with pytest.raises(services.EffortError, match="already"):
        services.contribution_add(actor=staff, goal=goal, target=adopted, now=NOW)
    assert GoalContribution.objects.count() == 1


def test_serving_costs_a_fixed_number_of_queries(
    make_effort, municipality, staff, django_assert_max_num_queries
):
    goal = Goal.objects.create(municipality=municipality, title="Mål")
    for n in range(6):
        effort = make_effort(f"Indsats {n}", target_group=None)
        if n % 2:
            effort.goals.add(goal)
        else:
            services.contribution_add(actor=staff, goal=goal, target=effort, now=NOW)
        services.contribution_add(
            actor=staff, goal=goal, target=_proposal(municipality, decision="adopted"), now=NOW
        )
    with django_assert_max_num_queries(5):
        assert len(selectors.serving(goal)) == 12
