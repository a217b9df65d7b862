"""The citizen proposal (borgerforslag / medborgarförslag) from draft to answer.

    draft → awaiting co-proposers → in review → collecting support → threshold reached
          → referred → answered → implemented | closed
    side exits: withdrawn (by the author), rejected in review, expired

Transitions are events applied to states; `next_state` refuses anything not in the table.
`automatic_event` says which transition the clock triggers; the service applies it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction

from medborger.domain.lifecycle.calendar import add_days, add_months


class State(StrEnum):
    DRAFT = "draft"
    AWAITING_COPROPOSERS = "awaiting_coproposers"
    IN_REVIEW = "in_review"
    COLLECTING = "collecting"
    THRESHOLD_REACHED = "threshold_reached"
    REFERRED = "referred"
    ANSWERED = "answered"
    IMPLEMENTED = "implemented"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    REJECTED_IN_REVIEW = "rejected_in_review"
    EXPIRED = "expired"


class Event(StrEnum):
    SUBMIT = "submit"
    COPROPOSERS_COMPLETE = "coproposers_complete"
    COPROPOSERS_EXPIRED = "coproposers_expired"
    APPROVE = "approve"
    REJECT = "reject"
    THRESHOLD_REACHED = "threshold_reached"
    COLLECTION_EXPIRED = "collection_expired"
    REFER = "refer"
    ANSWER = "answer"
    IMPLEMENT = "implement"
    CLOSE = "close"
    WITHDRAW = "withdraw"


TRANSITIONS: dict[tuple[State, Event], State] = {
    (State.DRAFT, Event.SUBMIT): State.AWAITING_COPROPOSERS,
    (State.AWAITING_COPROPOSERS, Event.COPROPOSERS_COMPLETE): State.IN_REVIEW,
    (State.AWAITING_COPROPOSERS, Event.COPROPOSERS_EXPIRED): State.EXPIRED,
    (State.IN_REVIEW, Event.APPROVE): State.COLLECTING,
    (State.IN_REVIEW, Event.REJECT): State.REJECTED_IN_REVIEW,
    (State.COLLECTING, Event.THRESHOLD_REACHED): State.THRESHOLD_REACHED,
    (State.COLLECTING, Event.COLLECTION_EXPIRED): State.EXPIRED,
    (State.THRESHOLD_REACHED, Event.REFER): State.REFERRED,
    (State.REFERRED, Event.ANSWER): State.ANSWERED,
    (State.ANSWERED, Event.IMPLEMENT): State.IMPLEMENTED,
    (State.ANSWERED, Event.CLOSE): State.CLOSED,
    (State.DRAFT, Event.WITHDRAW): State.WITHDRAWN,
    (State.AWAITING_COPROPOSERS, Event.WITHDRAW): State.WITHDRAWN,
    (State.IN_REVIEW, Event.WITHDRAW): State.WITHDRAWN,
    (State.COLLECTING, Event.WITHDRAW): State.WITHDRAWN,
}

TERMINAL = frozenset(
    {State.IMPLEMENTED, State.CLOSED, State.WITHDRAWN, State.REJECTED_IN_REVIEW, State.EXPIRED}
)
# States everybody may see; before these only the author, co-proposers and staff see a proposal.
PUBLIC = frozenset(
    {
        State.COLLECTING,
        State.THRESHOLD_REACHED,
        State.REFERRED,
        State.ANSWERED,
        State.IMPLEMENTED,
        State.CLOSED,
        State.REJECTED_IN_REVIEW,
        State.EXPIRED,
    }
)
# States in which the text may still be changed by the author.
EDITABLE = frozenset({State.DRAFT})
# Support goes on until the collection window closes, also after the threshold is reached and
# the proposal is referred (as on borgerforslag.dk): the committee sees the full backing.
SUPPORTABLE = frozenset({State.COLLECTING, State.THRESHOLD_REACHED, State.REFERRED})
WITHDRAWABLE_SUPPORT = SUPPORTABLE


def accepts_support(state: State, collection_ends: datetime | None, now: datetime) -> bool:
    return state in SUPPORTABLE and (collection_ends is None or now < collection_ends)


# States in which the supports have done their work: the committee has answered, or the proposal
# ended without an answer. No support can be added or withdrawn any more. The retention clock for
# the supporters' identities starts here (see `supporters_forget_at`).
SUPPORTS_SETTLED = TERMINAL | {State.ANSWERED}


def supporters_forget_at(
    state: State,
    *,
    answered_at: datetime | None,
    closed_at: datetime | None,
    retention_months: int,
) -> datetime | None:
    """When the identities of a proposal's supporters are deleted (the count stays):
    `retention_months` after the committee's answer, or after the end when there was no answer
    (withdrawn, rejected, expired). None while supports still matter. 0 months: at once."""
    if state not in SUPPORTS_SETTLED:
        return None
    start = answered_at or closed_at
    if start is None:
        return None
    return add_months(start, retention_months)


class TransitionError(ValueError):
    """The event is not allowed in the proposal's current state."""

    def __init__(self, state: State, event: Event) -> None:
        super().__init__(f"{event.value} is not allowed in state {state.value}")
        self.state = state
        self.event = event


def next_state(state: State, event: Event) -> State:
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise TransitionError(state, event) from None


def allowed_events(state: State) -> list[Event]:
    return [event for (from_state, event) in TRANSITIONS if from_state == state]


@dataclass(frozen=True)
class Rules:
    """A municipality's scheme. Exactly one of threshold_absolute and threshold_share is set."""

    threshold_absolute: int | None = None
    threshold_share: Fraction | None = None  # e.g. Fraction(2, 100) for 2 % of eligible residents
    min_age: int = 15
    co_proposers: int = 3
    co_proposer_days: int = 14
    review_days: int = 10
    collection_days: int = 180
    answer_months: int | None = 6  # None: the answer is due at the committee's next meeting
    response_days: int = 14
    reminder_days: tuple[int, ...] = (30, 7)

    def __post_init__(self) -> None:
        if (self.threshold_absolute is None) == (self.threshold_share is None):
            raise ValueError("Set either an absolute threshold or a share, not both.")
        if self.threshold_absolute is not None and self.threshold_absolute < 1:
            raise ValueError("The threshold must be at least 1.")
        if self.threshold_share is not None and not 0 < self.threshold_share <= 1:
            raise ValueError("The share must be above 0 and at most 1.")


def threshold(rules: Rules, eligible_population: int) -> int:
    """The number of supports needed: absolute, or the share of eligible residents rounded up."""
    if rules.threshold_absolute is not None:
        return rules.threshold_absolute
    assert rules.threshold_share is not None
    return max(1, math.ceil(rules.threshold_share * eligible_population))


def co_proposers_due(submitted_at: datetime, rules: Rules) -> datetime:
    return add_days(submitted_at, rules.co_proposer_days)


def review_due(entered_review_at: datetime, rules: Rules) -> datetime:
    return add_days(entered_review_at, rules.review_days)


def collection_ends(published_at: datetime, rules: Rules) -> datetime:
    return add_days(published_at, rules.collection_days)


def answer_due(referred_at: datetime, rules: Rules, next_meeting: datetime | None) -> datetime:
    """Months after referral, or the committee's next meeting when the scheme says so."""
    if rules.answer_months is None:
        if next_meeting is None:
            raise ValueError("The scheme answers at the next meeting, but no meeting is set.")
        return next_meeting
    return add_months(referred_at, rules.answer_months)


# With "answer at the next meeting", a referred proposal must get a meeting within this many days.
MEETING_GRACE_DAYS = 30


def response_due(asked_at: datetime, rules: Rules) -> datetime:
    return add_days(asked_at, rules.response_days)


@dataclass(frozen=True)
class Clock:
    """The dates of one proposal that the clock acts on."""

    state: State
    co_proposers_due: datetime | None = None
    collection_ends: datetime | None = None


def automatic_event(clock: Clock, now: datetime) -> Event | None:
    """The transition that time alone triggers now, if any."""
    if (
        clock.state == State.AWAITING_COPROPOSERS
        and clock.co_proposers_due is not None
        and now >= clock.co_proposers_due
    ):
        return Event.COPROPOSERS_EXPIRED
    if (
        clock.state == State.COLLECTING
        and clock.collection_ends is not None
        and now >= clock.collection_ends
    ):
        return Event.COLLECTION_EXPIRED
    return None


def reminders_due(
    answer_due_at: datetime, now: datetime, already_sent: frozenset[int], rules: Rules
) -> list[int]:
    """Which reminders ("N days before the answer is due") should go out now, largest first.
    Only the closest due one is returned when several are late, so nobody gets a burst."""
    due = [
        days
        for days in sorted(rules.reminder_days, reverse=True)
        if days not in already_sent and now >= add_days(answer_due_at, -days)
    ]
    return due[-1:] if due else []


def is_overdue(deadline: datetime | None, now: datetime) -> bool:
    return deadline is not None and now > deadline


class Refusal(StrEnum):
    """Why a person may not support (or propose); the app turns each into a sentence."""

    NOT_VERIFIED = "not_verified"
    LEVEL_TOO_LOW = "level_too_low"
    TOO_YOUNG = "too_young"
    OTHER_MUNICIPALITY = "other_municipality"
    OUTSIDE_AREA = "outside_area"


@dataclass(frozen=True)
class Person:
    """What we know of a verified person: nothing more than the eligibility rules need."""

    verified: bool
    assurance_level: int
    birth_year: int | None
    municipality_id: int | None
    area_and_ancestors: frozenset[int]


def eligibility(
    person: Person,
    *,
    municipality_id: int,
    area_id: int | None,
    min_age: int,
    required_level: int,
    today: date,
) -> Refusal | None:
    """None when the person may take part; otherwise the first reason they may not.

    Age counts by birth year (the age reached this calendar year), as eID gives only that much.
    A proposal for an area is open to residents of that area and of the areas inside it."""
    if not person.verified:
        return Refusal.NOT_VERIFIED
    if person.assurance_level < required_level:
        return Refusal.LEVEL_TOO_LOW
    if person.birth_year is None or today.year - person.birth_year < min_age:
        return Refusal.TOO_YOUNG
    if person.municipality_id != municipality_id:
        return Refusal.OTHER_MUNICIPALITY
    if area_id is not None and area_id not in person.area_and_ancestors:
        return Refusal.OUTSIDE_AREA
    return None


def progress(count: int, needed: int) -> Fraction:
    """Share of the threshold reached, capped at 1, exact."""
    if needed <= 0:
        return Fraction(1)
    return min(Fraction(count, needed), Fraction(1))
