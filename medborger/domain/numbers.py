"""Whole numbers typed in URLs and forms (an id, a page)."""

from __future__ import annotations


def whole_number(text: object, *, max_digits: int = 18) -> int | None:
    """The number in `text` if it is only ASCII digits (at most `max_digits`), else None.

    str.isdigit() alone is not enough: it accepts "²" and "①", which int() refuses."""
    value = str(text or "").strip()
    if not value or len(value) > max_digits or not (value.isascii() and value.isdigit()):
        return None
    return int(value)
