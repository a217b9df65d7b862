"""Checks for Danish CVR numbers and Swedish organisationsnummer."""

from __future__ import annotations

import re

from medborger.domain.identity import luhn_valid

_CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def cvr_valid(raw: str) -> bool:
    """A CVR number is eight digits whose weighted sum is divisible by 11."""
    digits = re.sub(r"\s", "", raw)
    if not re.fullmatch(r"[1-9]\d{7}", digits):
        return False
    return sum(int(d) * w for d, w in zip(digits, _CVR_WEIGHTS, strict=True)) % 11 == 0


def organisationsnummer_valid(raw: str) -> bool:
    """A Swedish organisationsnummer is ten digits (NNNNNN-NNNN) with a Luhn check digit."""
    digits = re.sub(r"[\s-]", "", raw)
    return bool(re.fullmatch(r"\d{10}", digits)) and luhn_valid(digits)
