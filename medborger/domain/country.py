"""What depends on a municipality's country (DK or SE): its clock and how it writes money.
One place, so every app shows the same time zone and the same amounts."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

TIMEZONES = {"DK": "Europe/Copenhagen", "SE": "Europe/Stockholm"}
DEFAULT_TIMEZONE = "Europe/Copenhagen"


def timezone_name(country: str) -> str:
    """The IANA time zone of a municipality's country."""
    return TIMEZONES.get((country or "").upper(), DEFAULT_TIMEZONE)


def timezone_of(country: str) -> ZoneInfo:
    return ZoneInfo(timezone_name(country))


def kroner(amount: int | Decimal | Fraction, country: str = "DK") -> str:
    """An amount as the country writes it: 12.500 kr or 12.500,50 kr (DK), 12 500 kr or
    12 500,50 kr (SE). Øre are shown only when there are any (rounded half up)."""
    if isinstance(amount, Fraction):
        amount = Decimal(amount.numerator) / Decimal(amount.denominator)
    value = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    value = abs(value)
    whole = int(value)
    cents = int((value - whole) * 100)
    thousands = "\u00a0" if (country or "").upper() == "SE" else "."
    text = f"{whole:,}".replace(",", thousands)
    if cents:
        text += f",{cents:02d}"
    return f"{sign}{text} kr"


OFFICIAL_LANGUAGES = {"DK": "da", "SE": "sv"}


def official_language(country: str) -> str | None:
    """The language a municipality of this country publishes its legal texts in (for example
    the accessibility statement the law asks for), or None for a country we do not know."""
    return OFFICIAL_LANGUAGES.get((country or "").upper())
