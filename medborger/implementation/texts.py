"""Words for implementation tracking: amounts, refusals and deadline states in the user's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy, ngettext

from medborger.domain.country import kroner as country_kroner
from medborger.domain.lifecycle.implementation import Problem

PROBLEM_TEXTS = {
    Problem.SAME_STATUS: gettext_lazy("The project already has this status."),
    Problem.REASON_NEEDED: gettext_lazy(
        "Say why the project is delayed or paused. Residents can read the reason."
    ),
    Problem.MILESTONE_BEFORE_START: gettext_lazy(
        "The due date is before the project started (%(started)s). Choose a later date, or "
        "change the start date first."
    ),
    Problem.MILESTONE_DONE_IN_FUTURE: gettext_lazy("A milestone cannot be done in the future."),
    Problem.AMOUNT_NOT_POSITIVE: gettext_lazy(
        "Enter an amount above 0 kr. To correct an entry, remove it and enter it again."
    ),
    Problem.SPEND_IN_FUTURE: gettext_lazy(
        "The date is in the future. Enter spending on the day the money was spent."
    ),
}


def problem_text(problem: Problem, **values: str) -> str:
    text = str(PROBLEM_TEXTS[problem])
    return text % values if values else text


kroner = country_kroner  # one formatter for every app (medborger/domain/country.py)


def days_text(days: int) -> str:
    return ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
