"""ballot_box writes the vote's statements in SQL instead of through the ORM (for speed, see
docs/decisions/0004-vote-statements-in-sql.md). Each function must give what the ORM gives for
the same rows, on SQLite and on PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from medborger.accounts.models import Identity
from medborger.budgeting import ballot_box
from medborger.budgeting.models import Ballot, BudgetProcess, BudgetProject, Pool, VoterRegister
from medborger.domain.lifecycle.proposals import Person
from tests.factories import AreaFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fields(process: BudgetProcess) -> dict[str, object]:
    return {f.attname: getattr(process, f.attname) for f in BudgetProcess._meta.concrete_fields}


def test_the_voter_is_what_the_orm_reads(municipality, district, town, make_voter):
    deep = [town]
    for depth in range(5):  # a deep tree: the recursive query walks all of it
        deep.append(AreaFactory(municipality=municipality, parent=deep[-1], slug=f"dyb-{depth}"))
    users = [
        make_voter(),
        make_voter(area=town),
        make_voter(area=deep[-1]),
        make_voter(area=None),
        make_voter(birth=date(2010, 1, 1), level=1),
    ]
    for user in users:
        identity = Identity.objects.select_related("residence_area").get(user=user)
        areas, area = set(), identity.residence_area
        while area is not None:  # the ORM's answer: walk up one parent at a time
            areas.add(area.pk)
            area = area.parent
        voter = ballot_box.voter(user.pk)
        assert voter is not None
        assert voter.person == Person(
            verified=True,
            assurance_level=identity.assurance_level,
            birth_year=identity.birth_year,
            municipality_id=identity.residence_municipality_id,
            area_and_ancestors=frozenset(areas),
        )
        assert (voter.person_key, voter.match_key) == (identity.person_key, identity.match_key)
    assert ballot_box.voter(users[2].pk).home_areas == {a.pk for a in deep}  # type: ignore[union-attr]
    assert ballot_box.voter(users[3].pk).home_areas == frozenset()  # type: ignore[union-attr]


def test_a_user_without_a_verified_identity_is_no_voter(municipality, make_voter):
    user = make_voter(verified=False)
    assert not Identity.objects.filter(user=user).exists()
    assert ballot_box.voter(user.pk) is None
    assert ballot_box.voter(UserFactory().pk) is None


def test_the_sheet_rows_are_what_the_orm_reads(process, pool, projects):
    other = Pool.objects.create(process=process, name="Anden pulje", amount=75_000)
    BudgetProject.objects.create(
        process=process, pool=other, title="Funded", cost=5_000, status="funded"
    )
    BudgetProject.objects.create(
        process=process, pool=other, title="Proposed", cost=5_000, status="proposed"
    )
    assert len(BudgetProject.ON_BALLOT) == 3  # the statement has three places for them
    pools, rows = ballot_box.sheet_rows(process.pk)
    expected_pools = list(Pool.objects.filter(process=process))
    assert [(p.pk, p.process_id, p.name, p.amount, p.area_id) for p in pools] == [
        (p.pk, p.process_id, p.name, p.amount, p.area_id) for p in expected_pools
    ]
    assert all(not p._state.adding for p in pools)
    assert rows == list(
        BudgetProject.objects.filter(process=process, status__in=BudgetProject.ON_BALLOT)
        .order_by("pk")
        .values_list("pk", "pool_id", "title", "cost")
    )
    assert "Proposed" not in {title for _id, _pool, title, _cost in rows}


def test_the_process_is_read_whole_and_as_the_orm_reads_it(
    municipality, other_municipality, process
):
    process.result = {"ballots": 3, "selected": ["1", "2"], "note": "æøå"}
    process.save()
    expected = _fields(BudgetProcess.objects.get(pk=process.pk))
    found = ballot_box.process_in(municipality, process.pk)
    assert found is not None
    assert _fields(found) == expected
    assert found.municipality is municipality  # attached, not read again
    assert isinstance(found.voting_opens, datetime) and found.voting_opens.tzinfo is not None
    assert ballot_box.process_in(other_municipality, process.pk) is None
    assert _fields(ballot_box.locked_process(process.pk)) == expected
    with pytest.raises(BudgetProcess.DoesNotExist):
        ballot_box.locked_process(process.pk + 1000)


def test_the_municipality_is_attached_only_when_it_is_the_process_s(other_municipality, process):
    found = ballot_box.locked_process(process.pk, other_municipality)
    assert found.municipality.pk == process.municipality_id  # read from the database instead


def test_the_register_takes_each_person_once(process):
    day = date(2025, 5, 3)
    first = {
        "process_id": process.pk,
        "person_key": "a" * 64,
        "match_key": "m" * 64,
        "channel": "online",
        "day": day,
        "receipt_mac": "c" * 64,
    }
    assert ballot_box.register(**first, row_id=uuid.uuid4()) is True
    assert ballot_box.register(**first, row_id=uuid.uuid4()) is False  # the same person key
    same_person_on_paper = {**first, "person_key": "b" * 64, "channel": "paper"}
    assert ballot_box.register(**same_person_on_paper, row_id=uuid.uuid4()) is False
    without_match = {**first, "person_key": "d" * 64, "match_key": None}
    assert ballot_box.register(**without_match, row_id=uuid.uuid4()) is True
    assert ballot_box.register(
        **{**without_match, "person_key": "e" * 64}, row_id=uuid.uuid4()
    )  # NULL match keys never clash
    row = VoterRegister.objects.get(person_key="a" * 64)
    assert (row.first_voted_on, row.last_changed_on, row.channel) == (day, day, "online")
    assert VoterRegister.objects.count() == 3


def test_append_and_head_round_trip(process):
    assert ballot_box.head(process.pk) is None
    cast_at = datetime(2025, 5, 3, 9, 15, 30, 123456, tzinfo=UTC)
    ballot = Ballot(
        process=process,
        position=1,
        receipt_code="ABCD-EFGH-IJKL-MNOP",
        choice={"12": 1, "7": 3},
        channel="online",
        replaces_receipt="",
        entry_hash="f" * 64,
        cast_at=cast_at,
    )
    ballot_box.append(ballot)
    stored = Ballot.objects.get(process=process)
    assert (stored.position, stored.receipt_code, stored.choice) == (
        1,
        "ABCD-EFGH-IJKL-MNOP",
        {"12": 1, "7": 3},
    )
    assert (stored.cast_at, stored.superseded, stored.entry_hash) == (cast_at, False, "f" * 64)
    assert ballot_box.head(process.pk) == (1, "f" * 64)
