from datetime import UTC, date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.lifecycle.calendar import add_months, days_left
from medborger.domain.lifecycle.proposals import (
    PUBLIC,
    TERMINAL,
    TRANSITIONS,
    Clock,
    Event,
    Person,
    Refusal,
    Rules,
    State,
    TransitionError,
    allowed_events,
    answer_due,
    automatic_event,
    co_proposers_due,
    collection_ends,
    eligibility,
    next_state,
    progress,
    reminders_due,
    review_due,
    threshold,
)

T0 = datetime(2026, 1, 31, 12, 0, tzinfo=UTC)
RULES = Rules(threshold_absolute=600)


def test_the_happy_path():
    state = State.DRAFT
    for event in (
        Event.SUBMIT,
        Event.COPROPOSERS_COMPLETE,
        Event.APPROVE,
        Event.THRESHOLD_REACHED,
        Event.REFER,
        Event.ANSWER,
        Event.IMPLEMENT,
    ):
        state = next_state(state, event)
    assert state == State.IMPLEMENTED


def test_terminal_states_have_no_way_out():
    for state in TERMINAL:
        assert allowed_events(state) == []


@given(st.sampled_from(list(State)), st.sampled_from(list(Event)))
def test_every_pair_is_either_in_the_table_or_refused(state, event):
    if (state, event) in TRANSITIONS:
        assert next_state(state, event) == TRANSITIONS[(state, event)]
    else:
        with pytest.raises(TransitionError):
            next_state(state, event)


def test_a_proposal_cannot_be_withdrawn_after_the_threshold():
    with pytest.raises(TransitionError):
        next_state(State.THRESHOLD_REACHED, Event.WITHDRAW)


def test_drafts_are_not_public_but_rejections_are():
    assert State.DRAFT not in PUBLIC and State.IN_REVIEW not in PUBLIC
    assert State.REJECTED_IN_REVIEW in PUBLIC and State.COLLECTING in PUBLIC


def test_threshold_absolute_and_share():
    assert threshold(Rules(threshold_absolute=600), 90_000) == 600
    assert threshold(Rules(threshold_share=Fraction(2, 100)), 40_480) == 810  # 809.6 rounded up
    assert threshold(Rules(threshold_share=Fraction(2, 100)), 10) == 1


def test_rules_need_exactly_one_threshold():
    with pytest.raises(ValueError):
        Rules()
    with pytest.raises(ValueError):
        Rules(threshold_absolute=10, threshold_share=Fraction(1, 50))
    with pytest.raises(ValueError):
        Rules(threshold_share=Fraction(3, 2))


def test_deadlines():
    assert co_proposers_due(T0, RULES) == T0 + timedelta(days=14)
    assert review_due(T0, RULES) == T0 + timedelta(days=10)
    assert collection_ends(T0, RULES) == T0 + timedelta(days=180)
    assert answer_due(T0, RULES, None) == datetime(2026, 7, 31, 12, 0, tzinfo=UTC)
    meeting = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)
    assert answer_due(T0, Rules(threshold_absolute=1, answer_months=None), meeting) == meeting
    with pytest.raises(ValueError):
        answer_due(T0, Rules(threshold_absolute=1, answer_months=None), None)


def test_months_clamp_to_the_end_of_the_month():
    assert add_months(T0, 1).date() == date(2026, 2, 28)
    assert add_months(datetime(2027, 12, 15, tzinfo=UTC), 2).date() == date(2028, 2, 15)


def test_days_left_rounds_up_and_stops_at_zero():
    assert days_left(T0 + timedelta(days=1, hours=1), T0) == 2
    assert days_left(T0 - timedelta(seconds=1), T0) == 0


def test_clock_expires_co_proposers_and_collection_exactly_at_the_deadline():
    due = T0 + timedelta(days=14)
    waiting = Clock(State.AWAITING_COPROPOSERS, co_proposers_due=due)
    assert automatic_event(waiting, due - timedelta(seconds=1)) is None
    assert automatic_event(waiting, due) == Event.COPROPOSERS_EXPIRED
    collecting = Clock(State.COLLECTING, collection_ends=due)
    assert automatic_event(collecting, due - timedelta(seconds=1)) is None
    assert automatic_event(collecting, due) == Event.COLLECTION_EXPIRED
    assert automatic_event(Clock(State.REFERRED), due + timedelta(days=999)) is None


def test_reminders_go_out_once_each_and_only_the_latest_when_late():
    due = T0 + timedelta(days=60)
    assert reminders_due(due, due - timedelta(days=31), frozenset(), RULES) == []
    assert reminders_due(due, due - timedelta(days=30), frozenset(), RULES) == [30]
    assert reminders_due(due, due - timedelta(days=20), frozenset({30}), RULES) == []
    assert reminders_due(due, due - timedelta(days=7), frozenset({30}), RULES) == [7]
    assert reminders_due(due, due - timedelta(days=1), frozenset(), RULES) == [7]


def person(**changes):
    base = {
        "verified": True,
        "assurance_level": 2,
        "birth_year": 1990,
        "municipality_id": 1,
        "area_and_ancestors": frozenset({10, 1}),
    }
    return Person(**{**base, **changes})


@pytest.mark.parametrize(
    ("changes", "area_id", "expected"),
    [
        ({}, 10, None),
        ({}, 1, None),
        ({}, None, None),
        ({"verified": False}, 10, Refusal.NOT_VERIFIED),
        ({"assurance_level": 1}, 10, Refusal.LEVEL_TOO_LOW),
        ({"birth_year": 2012}, 10, Refusal.TOO_YOUNG),
        ({"birth_year": 2011}, 10, None),  # turns 15 during 2026
        ({"birth_year": None}, 10, Refusal.TOO_YOUNG),
        ({"municipality_id": 2}, 10, Refusal.OTHER_MUNICIPALITY),
        ({}, 11, Refusal.OUTSIDE_AREA),
    ],
)
def test_eligibility(changes, area_id, expected):
    result = eligibility(
        person(**changes),
        municipality_id=1,
        area_id=area_id,
        min_age=15,
        required_level=2,
        today=date(2026, 6, 1),
    )
    assert result == expected


def test_progress_is_exact_and_capped():
    assert progress(599, 600) < 1
    assert progress(600, 600) == 1
    assert progress(900, 600) == 1
