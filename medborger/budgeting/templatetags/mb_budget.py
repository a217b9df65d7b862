"""Amounts on budget pages, written the way the municipality's country writes them."""

from __future__ import annotations

from fractions import Fraction

from django import template

from medborger.budgeting.services import money_text

register = template.Library()


@register.filter
def kr(value: Fraction | int, country: str = "DK") -> str:
    return money_text(value, country)


@register.filter
def number(value: Fraction | int) -> str:
    """A count or a sum of points: whole numbers plainly, others with two decimals."""
    value = Fraction(value)
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.2f}"
