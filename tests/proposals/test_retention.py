"""Retention of the supporters' identities: once a proposal is finished and the municipality's
period has passed, who supported it is deleted; the number of supports stays exactly the same on
every page, in the API and in the open-data export. Time is a parameter (services take `now`;
the command reads the clock, which time_machine moves); nothing sleeps."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from medborger.core.models import AuditEntry
from medborger.domain.lifecycle.calendar import add_months
from medborger.domain.lifecycle.proposals import (
    SUPPORTABLE,
    SUPPORTS_SETTLED,
    State,
    supporters_forget_at,
)
from medborger.proposals import services
from medborger.proposals.models import Proposal, ProposalRules, Support
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

SECOND = timedelta(seconds=1)
SHOWN_NAME = "Synne Synligstøtter"


# --- the domain rule ----------------------------------------------------------------------------


def test_the_clock_starts_at_the_answer_or_at_the_end_without_one():
    answered = datetime(2025, 1, 31, 12, tzinfo=UTC)
    closed = datetime(2025, 6, 1, tzinfo=UTC)
    # Answered, then implemented: counted from the answer (the supports' work ended there).
    assert supporters_forget_at(
        State.IMPLEMENTED, answered_at=answered, closed_at=closed, retention_months=12
    ) == datetime(2026, 1, 31, 12, tzinfo=UTC)
    # A month is counted as a lawyer counts it: 31 January + 1 month is 28 February.
    assert supporters_forget_at(
        State.ANSWERED, answered_at=answered, closed_at=None, retention_months=1
    ) == datetime(2025, 2, 28, 12, tzinfo=UTC)
    for state in (State.EXPIRED, State.WITHDRAWN, State.REJECTED_IN_REVIEW):
        assert supporters_forget_at(
            state, answered_at=None, closed_at=closed, retention_months=0
        ) == (closed)


@pytest.mark.parametrize("state", list(State))
def test_supports_that_can_still_change_are_never_forgotten(state):
    at = supporters_forget_at(
        state,
        answered_at=datetime(2020, 1, 1, tzinfo=UTC),
        closed_at=datetime(2020, 1, 1, tzinfo=UTC),
        retention_months=0,
    )
    assert (at is None) == (state not in SUPPORTS_SETTLED)
    assert not (SUPPORTS_SETTLED & SUPPORTABLE)


# --- a full flow through the services and the pages ----------------------------------------------


@pytest.fixture
def answered(flow, supporters, secretary, make_resident):  # type: ignore[no-untyped-def]
    """A referred proposal with the three supporters of `supporters` (one shows the name) plus
    one on paper, answered by the committee 40 days after T0."""
    proposal = flow.collecting(title="Flere bænke i parken")
    shown = make_resident(name=SHOWN_NAME)
    services.support_add(proposal_id=proposal.pk, user=shown, show_name=True, now=flow.t0)
    services.paper_support_add(
        proposal_id=proposal.pk,
        staff=flow.moderator,
        name="Papir Person",
        birth_date=datetime(1970, 1, 2).date(),
        address="Søvej 1",
        address_in_area=True,
        sheet_reference="Ark 7",
        now=flow.t0,
    )
    for person in supporters[:1]:
        services.support_add(proposal_id=proposal.pk, user=person, show_name=False, now=flow.t0)
    proposal.refresh_from_db()
    assert proposal.state == "referred" and proposal.support_count == 3
    answered_at = flow.t0 + timedelta(days=40)
    services.proposal_answer(
        proposal_id=proposal.pk,
        secretary=secretary,
        decision="adopted",
        answer_text="Kommunen sætter bænke op.",
        now=answered_at,
    )
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def still_open(flow, supporters):  # type: ignore[no-untyped-def]
    proposal = flow.collecting(title="Længere åbningstid på biblioteket")
    for person in supporters[1:]:
        services.support_add(proposal_id=proposal.pk, user=person, show_name=True, now=flow.t0)
    proposal.refresh_from_db()
    assert proposal.state == "collecting" and proposal.support_count == 2
    return proposal


def _due(proposal: Proposal, months: int = 12) -> datetime:
    assert proposal.answered_at is not None
    return add_months(proposal.answered_at, months)


def _counts_shown(html: str) -> list[Any]:
    """Every number of supports the page shows (progress bar, supporters box, cards)."""
    return re.findall(r"<strong>(\d+)</strong> of (\d+) support", html) + re.findall(
        r"\b(\d+) supporters?\b", html
    )


def _everything_shown(client: Any, proposal: Proposal) -> dict[str, Any]:
    detail = client.get(reverse("proposals:detail", args=[proposal.pk]))
    listing = client.get(reverse("proposals:list"), {"status": "all"})
    api = client.get(f"/api/v1/proposals/{proposal.pk}")
    api_list = client.get("/api/v1/proposals", {"status": "all", "limit": 100})
    export = client.get(reverse("proposals_opendata:csv"))
    assert {r.status_code for r in (detail, listing, api, api_list, export)} == {200}
    rows = csv.DictReader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";")
    card = listing.content.decode().split(f'href="{proposal.get_absolute_url()}"', 1)[1]
    return {
        "detail": _counts_shown(detail.content.decode()),
        "list": _counts_shown(card.split("</article>", 1)[0]),
        "api": api.json()["counts"],
        "api_list": [p["counts"] for p in api_list.json()["items"] if p["id"] == proposal.pk],
        "csv": [(r["supports"], r["threshold"]) for r in rows if r["id"] == str(proposal.pk)],
        "stored": Proposal.objects.get(pk=proposal.pk).support_count,
    }


def test_before_the_period_nothing_is_deleted(answered, still_open):
    report = services.supporters_forget(now=_due(answered) - SECOND)
    assert (report.proposals, report.supports) == (0, 0)
    assert Support.objects.filter(proposal=answered).count() == 3
    assert Proposal.objects.get(pk=answered.pk).supporters_forgotten_at is None


def test_after_the_period_identities_are_gone_and_every_count_is_the_same(
    answered, still_open, municipality, client_for
):
    client = client_for(municipality, language="en")
    before = _everything_shown(client, answered)
    open_before = _everything_shown(client, still_open)
    assert before["stored"] == 3 and before["csv"] == [("3", "3")]
    assert before["api"] == {"supports": 3, "threshold": 3, "progress": 1.0}
    assert before["api_list"] == [before["api"]] and before["detail"] and before["list"]
    assert SHOWN_NAME in client.get(answered.get_absolute_url()).content.decode()
    open_rows = list(Support.objects.filter(proposal=still_open).values())

    report = services.supporters_forget(now=_due(answered))

    assert (report.proposals, report.supports) == (1, 3)
    assert not Support.objects.filter(proposal=answered).exists()
    assert _everything_shown(client, answered) == before
    page = client.get(answered.get_absolute_url()).content.decode()
    assert SHOWN_NAME not in page
    assert "Who supported the proposal was deleted on" in page
    # The open proposal keeps its supporters, their names and its count.
    assert list(Support.objects.filter(proposal=still_open).values()) == open_rows
    assert _everything_shown(client, still_open) == open_before
    assert Proposal.objects.get(pk=still_open.pk).supporters_forgotten_at is None


def test_the_audit_entry_holds_the_number_only_and_a_second_run_does_nothing(answered):
    due = _due(answered)
    services.supporters_forget(now=due)
    again = services.supporters_forget(now=due + timedelta(days=400))
    assert (again.proposals, again.supports) == (0, 0)
    entry = AuditEntry.objects.get(action="proposal.supporters_forgotten")
    assert entry.after == {"supports_deleted": 3}
    assert (entry.actor, entry.actor_label, entry.before) == (None, "system", None)
    assert entry.target_id == str(answered.pk) and entry.municipality_id == answered.municipality_id
    assert Proposal.objects.get(pk=answered.pk).supporters_forgotten_at == due
    assert Proposal.objects.get(pk=answered.pk).support_count == 3


def test_the_clock_job_runs_it(answered, still_open):
    assert services.proposals_tick(now=_due(answered) - SECOND).supporters_forgotten == 0
    assert services.proposals_tick(now=_due(answered)).supporters_forgotten == 3
    assert services.proposals_tick(now=_due(answered)).supporters_forgotten == 0
    assert Support.objects.filter(proposal=still_open).count() == 2


def test_an_expired_proposal_is_counted_from_its_end(flow, supporters):
    proposal = flow.collecting()
    services.support_add(proposal_id=proposal.pk, user=supporters[0], show_name=False, now=flow.t0)
    proposal.refresh_from_db()
    services.proposals_tick(now=proposal.collection_ends)
    proposal.refresh_from_db()
    assert proposal.state == "expired" and proposal.closed_at == proposal.collection_ends
    end = add_months(proposal.collection_ends, 12)
    assert services.supporters_forget(now=end - SECOND).supports == 0
    assert services.supporters_forget(now=end).supports == 1
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1


def test_the_command_uses_the_clock_and_can_only_count(answered):
    out = io.StringIO()
    with time_machine.travel(_due(answered) - SECOND, tick=False):
        call_command("proposals_retention", stdout=out)
    assert Support.objects.filter(proposal=answered).count() == 3
    with time_machine.travel(_due(answered) + timedelta(hours=1), tick=False):
        call_command("proposals_retention", "--dry-run", stdout=out)
        assert Support.objects.filter(proposal=answered).count() == 3
        call_command("proposals_retention", stdout=out)
    assert not Support.objects.filter(proposal=answered).exists()
    assert out.getvalue().splitlines() == [
        "forgot the supporters of 0 proposals (0 supports)",
        "would forget the supporters of 1 proposals (3 supports)",
        "forgot the supporters of 1 proposals (3 supports)",
    ]


def test_the_supporters_own_data_download_still_works(
    answered, still_open, supporters, municipality, client_for
):
    person = supporters[0]  # supported the answered proposal
    other = supporters[1]  # supported the open one
    services.supporters_forget(now=_due(answered))
    for user, titles in ((person, []), (other, [still_open.title])):
        client = client_for(municipality, user=user, language="en")
        assert client.get(reverse("accounts:profile")).status_code == 200
        response = client.get(reverse("accounts:export"))
        assert response.status_code == 200
        data = json.loads(response.content)
        assert [s["proposal"] for s in data["proposals"]["supported"]] == titles


# --- the period per municipality, and the cost of a run -----------------------------------------


def _finished(municipality: Any, *, answered_at: datetime, supports: int) -> Proposal:
    proposal = Proposal.objects.create(
        municipality=municipality,
        title="Et færdigt forslag",
        summary="Kort.",
        body="Langt.",
        state=State.ANSWERED.value,
        threshold=3,
        support_count=supports,
        published_at=answered_at - timedelta(days=100),
        answered_at=answered_at,
    )
    Support.objects.bulk_create(
        Support(proposal=proposal, person_key=f"{proposal.pk}-{i}", created_at=answered_at)
        for i in range(supports)
    )
    return proposal


def test_each_municipality_has_its_own_period_and_zero_means_at_once(municipality):
    t = datetime(2025, 5, 1, tzinfo=UTC)
    prompt = MunicipalityFactory(slug="straks", hosts="straks.test")
    patient = MunicipalityFactory(slug="taalmodig", hosts="taalmodig.test")
    ProposalRules.objects.create(municipality=prompt, supporter_retention_months=0)
    ProposalRules.objects.create(municipality=patient, supporter_retention_months=36)
    default = _finished(municipality, answered_at=t, supports=2)  # no rules row: 12 months
    at_once = _finished(prompt, answered_at=t, supports=2)
    later = _finished(patient, answered_at=t, supports=2)

    services.supporters_forget(now=t)
    assert set(Proposal.objects.filter(supporters_forgotten_at=t).values_list("pk", flat=True)) == {
        at_once.pk
    }
    services.supporters_forget(now=add_months(t, 12))
    assert Support.objects.filter(proposal=default).count() == 0
    assert Support.objects.filter(proposal=later).count() == 2
    services.supporters_forget(now=add_months(t, 36))
    assert not Support.objects.exists()
    assert list(Proposal.objects.values_list("support_count", flat=True)) == [2, 2, 2]


def test_a_run_for_one_municipality_leaves_the_others_alone(municipality):
    """The demo loader forgets its own municipality's supporters only."""
    t = datetime(2025, 5, 1, tzinfo=UTC)
    other = MunicipalityFactory(slug="anden", hosts="anden.test")
    mine = _finished(municipality, answered_at=t, supports=2)
    theirs = _finished(other, answered_at=t, supports=3)
    report = services.supporters_forget(now=add_months(t, 12), municipality_id=municipality.pk)
    assert (report.proposals, report.supports) == (1, 2)
    assert Support.objects.filter(proposal=mine).count() == 0
    assert Support.objects.filter(proposal=theirs).count() == 3


def test_the_number_of_queries_does_not_grow_with_supporters_or_proposals(municipality):
    t = datetime(2025, 5, 1, tzinfo=UTC)
    later = add_months(t, 12)

    _finished(municipality, answered_at=t, supports=2)
    with CaptureQueriesContext(connection) as small:
        assert services.supporters_forget(now=later).supports == 2

    for _ in range(30):
        _finished(municipality, answered_at=t, supports=60)
    with CaptureQueriesContext(connection) as large:
        assert services.supporters_forget(now=later).supports == 30 * 60
    assert len(large) == len(small)

    # Beyond one batch, each further batch of supports costs two statements (find, delete).
    for _ in range(3):
        _finished(municipality, answered_at=t, supports=60)
    with CaptureQueriesContext(connection) as batched:
        assert services.supporters_forget(now=later, supports_batch=50).supports == 180
    assert len(batched) == len(small) + 2 * 3
    assert AuditEntry.objects.filter(action="proposal.supporters_forgotten").count() == 34


# --- account deletion -----------------------------------------------------------------------------


def test_a_deleted_account_keeps_its_support_counted_without_the_name(
    flow, district, municipality, client_for
):
    from medborger.accounts.services import account_delete
    from tests.factories import UserFactory, grant, verify

    proposal = flow.collecting()
    person = verify(
        grant(UserFactory(name=SHOWN_NAME), "resident", municipality),
        area=district,
        national_id="0101801234",
    )
    services.support_add(proposal_id=proposal.pk, user=person, show_name=True, now=flow.t0)
    page = client_for(municipality, language="en").get(proposal.get_absolute_url())
    assert SHOWN_NAME in page.content.decode()

    account_delete(user=person)

    support = Support.objects.get(proposal=proposal)
    assert (support.user, support.show_name, support.public_name) == (None, False, "")
    assert Proposal.objects.get(pk=proposal.pk).support_count == 1
    page = client_for(municipality, language="en").get(proposal.get_absolute_url())
    assert SHOWN_NAME not in page.content.decode()
    assert "1 supporter." in page.content.decode()
    # The person key stays until the retention job: the same person, with a new account,
    # still cannot support twice.
    again = verify(
        grant(UserFactory(), "resident", municipality), area=district, national_id="0101801234"
    )
    with pytest.raises(services.ProposalError, match="already supported"):
        services.support_add(proposal_id=proposal.pk, user=again, show_name=False, now=flow.t0)


def test_the_rules_page_tells_residents_how_long(rules, municipality, client_for):
    client = client_for(municipality, language="en")
    page = client.get(reverse("proposals:rules")).content.decode()
    assert "we keep who supported it for 12 months after the committee's answer" in page
    rules.supporter_retention_months = 0
    rules.save()
    page = client.get(reverse("proposals:rules")).content.decode()
    assert "When a proposal is finished, we delete who supported it." in page
