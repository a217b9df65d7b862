"""Presentation helpers for the fast-track templates. No domain logic here."""

from __future__ import annotations

from typing import Any

from django import template

from medborger.fasttrack.texts import kroner as _kroner

register = template.Library()


@register.filter
def kroner(amount: Any, country: str = "DK") -> str:
    """{{ application.granted_amount|kroner:municipality.country }} → 15.000 kr"""
    if amount is None or amount == "":
        return ""
    return _kroner(int(amount), country or "DK")
