"""The words residents read about a proposal: statuses, timeline events and refusals."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborger.domain.lifecycle.proposals import Refusal, State

STATE_LABELS = {
    State.DRAFT.value: gettext_lazy("draft"),
    State.AWAITING_COPROPOSERS.value: gettext_lazy("looking for co-proposers"),
    State.IN_REVIEW.value: gettext_lazy("in review"),
    State.COLLECTING.value: gettext_lazy("collecting support"),
    State.THRESHOLD_REACHED.value: gettext_lazy("enough support"),
    State.REFERRED.value: gettext_lazy("sent to the committee"),
    State.ANSWERED.value: gettext_lazy("answered"),
    State.IMPLEMENTED.value: gettext_lazy("carried out"),
    State.CLOSED.value: gettext_lazy("closed"),
    State.WITHDRAWN.value: gettext_lazy("withdrawn"),
    State.REJECTED_IN_REVIEW.value: gettext_lazy("rejected in review"),
    State.EXPIRED.value: gettext_lazy("expired"),
}

# What a resident is told a status means, on the proposal page and the rules page.
STATE_HELP = {
    State.DRAFT.value: gettext_lazy("The author is still writing. Only the author sees it."),
    State.AWAITING_COPROPOSERS.value: gettext_lazy(
        "The author is looking for co-proposers. They join with a link from the author."
    ),
    State.IN_REVIEW.value: gettext_lazy(
        "The municipality checks that the proposal follows the rules. Then it is published."
    ),
    State.COLLECTING.value: gettext_lazy("Residents can support the proposal now."),
    State.THRESHOLD_REACHED.value: gettext_lazy(
        "The proposal has enough support. It goes to the committee."
    ),
    State.REFERRED.value: gettext_lazy(
        "The committee will treat the proposal. The answer is due by the date shown."
    ),
    State.ANSWERED.value: gettext_lazy("The committee has decided. Read the answer below."),
    State.IMPLEMENTED.value: gettext_lazy("The municipality has carried out what was decided."),
    State.CLOSED.value: gettext_lazy("The case is closed."),
    State.WITHDRAWN.value: gettext_lazy("The author withdrew the proposal."),
    State.REJECTED_IN_REVIEW.value: gettext_lazy(
        "The proposal broke a rule and was not published for support. The reason is shown."
    ),
    State.EXPIRED.value: gettext_lazy("The time ran out before the proposal had enough support."),
}

EVENT_LABELS = {
    "created": gettext_lazy("Draft started"),
    "submit": gettext_lazy("Submitted"),
    "coproposer_joined": gettext_lazy("A co-proposer joined"),
    "coproposers_complete": gettext_lazy("Sent to review"),
    "coproposers_expired": gettext_lazy("Expired: too few co-proposers in time"),
    "approve": gettext_lazy("Published: collecting support"),
    "reject": gettext_lazy("Rejected in review"),
    "threshold_reached": gettext_lazy("Enough support reached"),
    "collection_expired": gettext_lazy("Expired: not enough support in time"),
    "refer": gettext_lazy("Sent to the committee"),
    "scheduled": gettext_lazy("Placed on the committee's agenda"),
    "answer": gettext_lazy("The committee answered"),
    "implement": gettext_lazy("Carried out"),
    "close": gettext_lazy("Closed"),
    "withdraw": gettext_lazy("Withdrawn by the author"),
    "reminder": gettext_lazy("Reminder to the committee"),
    "answer_overdue": gettext_lazy("The answer is overdue"),
}

ROLE_LABELS = {
    "author": gettext_lazy("the author"),
    "resident": gettext_lazy("a resident"),
    "system": gettext_lazy("the platform"),
    "moderator": gettext_lazy("a moderator"),
    "case_officer": gettext_lazy("the case officer"),
    "committee_secretary": gettext_lazy("the committee secretary"),
    "municipal_admin": gettext_lazy("the municipality"),
    "platform_admin": gettext_lazy("the platform administrator"),
}


def event_title(kind: str) -> str:
    return str(EVENT_LABELS.get(kind, kind))


def refusal_text(refusal: Refusal, rules: Any) -> str:
    if refusal == Refusal.NOT_VERIFIED:
        return _("Confirm who you are with eID first. You do this once, on your profile.")
    if refusal == Refusal.LEVEL_TOO_LOW:
        return _("Your eID log-in is not strong enough here. Log in with MitID or BankID.")
    if refusal == Refusal.TOO_YOUNG:
        return _("You must be at least %(age)d years old this year to take part.") % {
            "age": rules.min_age
        }
    if refusal == Refusal.OTHER_MUNICIPALITY:
        return _("Only residents of the municipality can take part.")
    return _("Only residents of the proposal's area can take part.")
