"""The words for effort warnings and amounts, in the reader's language."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from medborger.domain.country import kroner as country_kroner
from medborger.domain.efforts import LineProblem, percent, whole_kroner

LINE_PROBLEMS = {
    LineProblem.AMOUNT_MISSING: (
        "amount",
        _("Write the amount in kroner for cash and things in kind."),
    ),
    LineProblem.HOURS_MISSING: (
        "hours_per_week",
        _("Write the hours per week and the hourly rate for hours, secondments and meetings."),
    ),
    LineProblem.NEGATIVE: (None, _("Amounts, hours and rates cannot be negative.")),
    LineProblem.PERIOD_REVERSED: ("end", _("The end must be after the start.")),
    LineProblem.BOTH_GIVEN: (
        None,
        _(
            "Give either an amount (cash, in kind) or hours and a rate (hours, secondment, "
            "meetings), not both."
        ),
    ),
}


def kroner(value: Fraction | Decimal | int, country: str = "DK") -> str:
    """Whole kroner the way the country writes them: 25.000 kr (DK), 25 000 kr (SE)."""
    return country_kroner(whole_kroner(Fraction(value)), country)


def share_text(share: Fraction | None, country: str = "DK") -> str:
    """75 % (DK and SE both write a comma for decimals: 33,3 %)."""
    if share is None:
        return "–"
    value = percent(share)
    text = f"{value:.1f}".rstrip("0").rstrip(".") if value % 1 else f"{int(value)}"
    return text.replace(".", ",") + "\u00a0%"
