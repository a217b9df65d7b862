"""Person keys: one stable, non-reversible key per person, never the raw national id.

The key is HMAC-SHA256(pepper, "<scheme>:<normalised id>"). The pepper is kept outside the
database, so a database dump alone cannot be matched against a list of CPR numbers.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import date

_DIGITS = re.compile(r"\D")


class InvalidNationalId(ValueError):
    """The text is not a Danish CPR number or a Swedish personnummer."""


def normalise_cpr(raw: str) -> str:
    """Return the ten digits of a Danish CPR number written as DDMMYY-SSSS or DDMMYYSSSS."""
    digits = _DIGITS.sub("", raw)
    if len(digits) != 10:
        raise InvalidNationalId("A CPR number has 10 digits.")
    day, month = int(digits[0:2]), int(digits[2:4])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        raise InvalidNationalId("The first six digits of a CPR number are a date.")
    return digits


def normalise_personnummer(raw: str) -> str:
    """Return the twelve digits of a Swedish personnummer (YYYYMMDDNNNC), checking the Luhn digit."""
    digits = _DIGITS.sub("", raw)
    if len(digits) == 10:
        raise InvalidNationalId("Write the personnummer with a four-digit year (YYYYMMDD-NNNN).")
    if len(digits) != 12:
        raise InvalidNationalId("A personnummer has 12 digits.")
    if not luhn_valid(digits[2:]):
        raise InvalidNationalId("The check digit of the personnummer is wrong.")
    return digits


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def birth_date_from_cpr(cpr: str) -> date:
    """Birth date from a normalised CPR number, using the 7th digit to find the century."""
    day, month, year2 = int(cpr[0:2]), int(cpr[2:4]), int(cpr[4:6])
    seventh = int(cpr[6])
    if seventh in (0, 1, 2, 3):
        century = 1900
    elif seventh in (4, 9):
        century = 2000 if year2 <= 36 else 1900
    elif seventh in (5, 6, 7, 8):
        century = 2000 if year2 <= 57 else 1800
    else:  # pragma: no cover - every digit is handled above
        raise InvalidNationalId("Unknown CPR century digit.")
    return date(century + year2, month, day)


def person_key(pepper: str, scheme: str, subject: str) -> str:
    """The one-per-person key for a national id ("dk-cpr", "se-pnr") or an eID subject."""
    if not pepper:
        raise ValueError("The person-key pepper is not configured.")
    if not scheme or ":" in scheme:
        raise ValueError("The scheme is a short name without a colon.")
    message = f"{scheme}:{subject}".encode()
    return hmac.new(pepper.encode(), message, hashlib.sha256).hexdigest()


def age_in_year(birth_year: int, today: date) -> int:
    """The age a person reaches during the calendar year of `today` (eligibility by birth year)."""
    return today.year - birth_year


def normalise_name(name: str) -> str:
    """Case, spacing, hyphens and dots do not matter when a name on paper is compared."""
    cleaned = re.sub(r"[\s\-.,']+", " ", name.casefold()).strip()
    return cleaned


def match_key(pepper: str, name: str, birth_date: date) -> str:
    """A second key from name and birth date, which paper signature sheets also carry; it lets
    staff find a paper signature of someone who already supported online, and the reverse."""
    return person_key(pepper, "match", f"{normalise_name(name)}|{birth_date.isoformat()}")
