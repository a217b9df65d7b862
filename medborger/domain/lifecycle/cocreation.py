"""Co-creation groups (samskabelse / samskapande): the chair rules and the output's public trail.

The output of a group (for example a vision plan) travels in one direction only:

    draft → presented (at a citizens' meeting) → sent (to a committee) → granted | refused

The chair: only a current member can chair; where the municipality or the group says so, the
chair of the group's committee may not chair the group (Hedensted's "forstyrrelsesgrupper"). The
chair rotates round-robin over the eligible members in the order they joined.

Derived, never stored: a task is overdue when it is not done and its due day has passed.
Nothing here reads the clock: `today` is an argument.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class GroupStatus(StrEnum):
    FORMING = "forming"
    ACTIVE = "active"
    FINISHED = "finished"


class MemberRole(StrEnum):
    POLITICIAN = "politician"
    OFFICIAL = "official"
    RESIDENT = "resident"
    EXPERT = "expert"
    ASSOCIATION = "association"
    BUSINESS = "business"


class TaskStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


# --- the output's trail --------------------------------------------------------------------------


class OutputState(StrEnum):
    DRAFT = "draft"
    PRESENTED = "presented"
    SENT = "sent"
    GRANTED = "granted"
    REFUSED = "refused"


class Step(StrEnum):
    PRESENT = "present"
    SEND = "send"
    GRANT = "grant"
    REFUSE = "refuse"


TRANSITIONS: dict[tuple[OutputState, Step], OutputState] = {
    (OutputState.DRAFT, Step.PRESENT): OutputState.PRESENTED,
    (OutputState.PRESENTED, Step.SEND): OutputState.SENT,
    (OutputState.SENT, Step.GRANT): OutputState.GRANTED,
    (OutputState.SENT, Step.REFUSE): OutputState.REFUSED,
}

DECIDED = frozenset({OutputState.GRANTED, OutputState.REFUSED})


class TransitionError(ValueError):
    """The step is not allowed in the output's current state."""

    def __init__(self, state: OutputState, step: Step) -> None:
        super().__init__(f"{step.value} is not allowed in state {state.value}")
        self.state = state
        self.step = step


def next_state(state: OutputState, step: Step) -> OutputState:
    try:
        return TRANSITIONS[(state, step)]
    except KeyError:
        raise TransitionError(state, step) from None


def step_needed_first(state: OutputState, step: Step) -> Step | None:
    """The step that must happen before `step` can, when it is taken too early; None when `step`
    comes too late (or is allowed)."""
    order = [OutputState.DRAFT, OutputState.PRESENTED, OutputState.SENT]
    wanted = {
        Step.PRESENT: OutputState.DRAFT,
        Step.SEND: OutputState.PRESENTED,
        Step.GRANT: OutputState.SENT,
        Step.REFUSE: OutputState.SENT,
    }[step]
    if state in DECIDED or state not in order:
        return None
    if order.index(state) < order.index(wanted):
        return Step.PRESENT if state == OutputState.DRAFT else Step.SEND
    return None


class AmountRefusal(StrEnum):
    NOT_POSITIVE = "not_positive"
    OVER_REQUESTED = "over_requested"


def grant_refusal(*, granted: int, requested: int) -> AmountRefusal | None:
    if granted < 1:
        return AmountRefusal.NOT_POSITIVE
    if granted > requested:
        return AmountRefusal.OVER_REQUESTED
    return None


def step_date_refusal(*, on: date, previous: date | None, today: date) -> str | None:
    """ "future" when the step is dated after today, "before_previous" when it is dated before the
    step it follows; None when the date is fine."""
    if on > today:
        return "future"
    if previous is not None and on < previous:
        return "before_previous"
    return None


# --- the chair -----------------------------------------------------------------------------------


def chair_rule_applies(*, municipality_says: bool, group_says: bool) -> bool:
    """The municipality's rule holds for every group; a group may also adopt it for itself."""
    return municipality_says or group_says


@dataclass(frozen=True)
class Candidate:
    member_id: int
    joined_on: date
    left_on: date | None
    is_committee_chair: bool


class ChairRefusal(StrEnum):
    NOT_A_MEMBER = "not_a_member"
    COMMITTEE_CHAIR = "committee_chair"
    ALREADY_CHAIR = "already_chair"


def is_member_on(candidate: Candidate, on: date) -> bool:
    return candidate.joined_on <= on and (candidate.left_on is None or candidate.left_on > on)


def chair_refusal(
    candidate: Candidate, *, on: date, rule_applies: bool, current_chair_id: int | None
) -> ChairRefusal | None:
    """Why this member cannot take the chair on `on`, or None."""
    if not is_member_on(candidate, on):
        return ChairRefusal.NOT_A_MEMBER
    if rule_applies and candidate.is_committee_chair:
        return ChairRefusal.COMMITTEE_CHAIR
    if current_chair_id == candidate.member_id:
        return ChairRefusal.ALREADY_CHAIR
    return None


def next_chair(
    candidates: Sequence[Candidate], *, current_chair_id: int | None, on: date, rule_applies: bool
) -> int | None:
    """Round-robin: the next eligible member after the current chair, in the order given (the
    order they joined), wrapping around; None when nobody else is eligible."""
    if not candidates:
        return None
    ids = [c.member_id for c in candidates]
    start = ids.index(current_chair_id) + 1 if current_chair_id in ids else 0
    for offset in range(len(candidates)):
        candidate = candidates[(start + offset) % len(candidates)]
        refusal = chair_refusal(
            candidate, on=on, rule_applies=rule_applies, current_chair_id=current_chair_id
        )
        if refusal is None:
            return candidate.member_id
    return None


# --- tasks ---------------------------------------------------------------------------------------


def is_task_overdue(status: TaskStatus, due_on: date | None, today: date) -> bool:
    return status != TaskStatus.DONE and due_on is not None and today > due_on
