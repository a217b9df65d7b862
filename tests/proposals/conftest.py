"""Shared fixtures for citizen proposals: an area tree, the scheme, a council with a secretary,
staff, verified residents, and a `flow` that drives a proposal through the services.

Time is a parameter: every service gets `now` from these fixtures, never the wall clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest

from medborger.notifications.models import Notification
from medborger.places.models import AreaKind
from medborger.proposals import services
from medborger.proposals.models import Proposal, ProposalRules
from medborger.proposals.services import DraftData
from tests.factories import AreaFactory, CommitteeFactory, UserFactory, grant, verify

# A Monday morning; every deadline in these tests is counted from here.
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def t0() -> datetime:
    return T0


@pytest.fixture
def town(municipality):  # type: ignore[no-untyped-def]
    return AreaFactory(
        municipality=municipality,
        name="Lyngby",
        slug="lyngby",
        kind=AreaKind.TOWN,
        population_total=10_000,
        population_10_plus=9_000,
        population_15_plus=8_500,
        population_18_plus=8_000,
    )


@pytest.fixture
def district(municipality, town):  # type: ignore[no-untyped-def]
    return AreaFactory(
        municipality=municipality,
        parent=town,
        name="Sorgenfri",
        slug="sorgenfri",
        kind=AreaKind.DISTRICT,
        population_total=1_000,
        population_10_plus=900,
        population_15_plus=850,
        population_18_plus=800,
    )


@pytest.fixture
def sibling_district(municipality, town):  # type: ignore[no-untyped-def]
    return AreaFactory(
        municipality=municipality, parent=town, name="Virum", slug="virum", kind=AreaKind.DISTRICT
    )


@pytest.fixture
def other_area(other_municipality):  # type: ignore[no-untyped-def]
    return AreaFactory(municipality=other_municipality, name="Andeby", slug="andeby")


@pytest.fixture
def secretary(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Sekretær Sørensen"), "committee_secretary", municipality)


@pytest.fixture
def council(municipality, secretary):  # type: ignore[no-untyped-def]
    return CommitteeFactory(
        municipality=municipality,
        name="Kommunalbestyrelsen",
        slug="kommunalbestyrelsen",
        is_council=True,
        secretary=secretary,
    )


@pytest.fixture
def case_officer(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Sagsbehandler"), "case_officer", municipality)


@pytest.fixture
def admins(municipality, municipal_admin):  # type: ignore[no-untyped-def]
    """Two municipal admins: escalations go to every one of them."""
    return [municipal_admin, grant(UserFactory(name="Admin To"), "municipal_admin", municipality)]


@pytest.fixture
def rules(municipality, council):  # type: ignore[no-untyped-def]
    """Small numbers so a flow fits in a test: 3 supports, 2 co-proposers, min. age 15."""
    return ProposalRules.objects.create(
        municipality=municipality,
        threshold_kind=ProposalRules.ThresholdKind.ABSOLUTE,
        threshold_absolute=3,
        min_age=15,
        co_proposers=2,
        co_proposer_days=14,
        review_days=10,
        collection_days=180,
        answer_kind=ProposalRules.AnswerKind.MONTHS,
        answer_months=6,
        response_days=14,
        reminder_days="30,7",
        default_committee=council,
    )


@pytest.fixture
def make_resident(municipality, district):  # type: ignore[no-untyped-def]
    """A verified resident (by default of the district, born 1980)."""

    def make(
        *,
        area: Any = district,
        birth: date = date(1980, 5, 17),
        name: str | None = None,
        verified: bool = True,
        level: int = 2,
    ):  # type: ignore[no-untyped-def]
        user = UserFactory(**({"name": name} if name else {}))
        grant(user, "resident", municipality)
        if verified:
            verify(user, area=area, birth=birth, level=level)
        return user

    return make


@pytest.fixture
def author(make_resident):  # type: ignore[no-untyped-def]
    return make_resident(name="Anna Forslagsstiller")


@pytest.fixture
def coproposers(make_resident):  # type: ignore[no-untyped-def]
    return [make_resident(name="Bo Medforslag"), make_resident(name="Clara Medforslag")]


@dataclass
class Flow:
    """Drives proposals through the services, as views would, with explicit clocks."""

    municipality: Any
    rules: Any
    author: Any
    coproposers: list[Any]
    moderator: Any
    area: Any
    t0: datetime
    made: list[Proposal] = field(default_factory=list)

    def draft(self, *, title: str = "Flere bænke i parken", area: Any = "default", **kw: Any):
        data = DraftData(
            title=title,
            summary=kw.pop("summary", "Vi vil have flere steder at sidde."),
            body=kw.pop("body", "Der mangler bænke langs stien ved søen."),
            area=self.area if area == "default" else area,
            topics=kw.pop("topics", []),
            sdgs=kw.pop("sdgs", []),
        )
        return services.proposal_save_draft(
            author=kw.pop("author", self.author),
            municipality=self.municipality,
            data=data,
            now=kw.pop("now", self.t0),
        )

    def submitted(self, **kw: Any) -> Proposal:
        proposal = self.draft(**kw)
        return services.proposal_submit(
            proposal_id=proposal.pk, user=kw.get("author", self.author), now=self.t0
        )

    def in_review(self, **kw: Any) -> Proposal:
        proposal = self.submitted(**kw)
        for person in self.coproposers:
            services.coproposer_join(
                proposal_id=proposal.pk, user=person, token=proposal.coproposer_token, now=self.t0
            )
        proposal.refresh_from_db()
        assert proposal.state == "in_review"
        return proposal

    def collecting(self, *, contact_person: Any = None, **kw: Any) -> Proposal:
        proposal = self.in_review(**kw)
        services.proposal_review_approve(
            proposal_id=proposal.pk,
            reviewer=self.moderator,
            contact_person=contact_person,
            now=self.t0,
        )
        proposal.refresh_from_db()
        assert proposal.state == "collecting"
        return proposal

    def referred(self, supporters: list[Any], *, now: datetime | None = None, **kw: Any):
        proposal = self.collecting(**kw)
        for person in supporters:
            services.support_add(
                proposal_id=proposal.pk, user=person, show_name=False, now=now or self.t0
            )
        proposal.refresh_from_db()
        assert proposal.state == "referred"
        return proposal


@pytest.fixture
def flow(municipality, rules, author, coproposers, moderator, district, t0):  # type: ignore[no-untyped-def]
    return Flow(
        municipality=municipality,
        rules=rules,
        author=author,
        coproposers=coproposers,
        moderator=moderator,
        area=district,
        t0=t0,
    )


@pytest.fixture
def supporters(make_resident):  # type: ignore[no-untyped-def]
    """Three eligible residents: exactly the threshold of `rules`."""
    return [make_resident(name=f"Støtter {i}") for i in range(3)]


def notified(event: str, proposal: Proposal | None = None) -> set[int]:
    """Ids of the users notified of an event (optionally about one proposal)."""
    rows = Notification.objects.filter(event=event)
    if proposal is not None:
        rows = rows.filter(object_id=proposal.pk)
    return set(rows.values_list("recipient_id", flat=True))


def ids(*users: Any) -> set[int]:
    return {u.pk for u in users}
