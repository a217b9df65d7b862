"""Numbers on goal pages: tonnes, percentages and measured values written the local way."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


def _decimal(value: Any) -> Decimal:
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value)


@register.filter
def tonnes(value: Any) -> str:
    """Whole tonnes with a thousands separator; a dash when there is no figure."""
    if value is None or value == "":
        return "–"
    return number_format(_decimal(value).quantize(Decimal(1)), 0, force_grouping=True)


@register.filter
def decimal1(value: Any) -> str:
    """One decimal place (percentages)."""
    if value is None or value == "":
        return "–"
    return number_format(_decimal(value).quantize(Decimal("0.1")), 1)


@register.filter
def measured(value: Any) -> str:
    """A measured value without trailing zeros: 84,5 not 84,500."""
    if value is None or value == "":
        return "–"
    number = _decimal(value).normalize()
    places = max(0, -int(number.as_tuple().exponent))
    return number_format(number, places, force_grouping=True)


@register.filter
def status_label(value: Any) -> str:
    from medborger.goals.texts import status_label as label

    return label(str(value))


@register.filter
def status_help(value: Any) -> str:
    from medborger.goals.texts import status_help as text

    return text(str(value))
