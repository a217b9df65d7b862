"""The append-only, hash-chained log of ballots.

Each entry's hash is SHA-256 over the previous hash and the entry's canonical JSON, so changing,
deleting, inserting or reordering any stored ballot breaks every hash after it. `verify` recomputes
the chain; it imports only the standard library, so it can run outside the platform (see
scripts/verify_ballots.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64


def canonical(entry: Mapping[str, Any]) -> bytes:
    """The bytes that are hashed: sorted keys, no spaces, UTF-8 — the same on every machine."""
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(previous: str, entry: Mapping[str, Any]) -> str:
    return hashlib.sha256(previous.encode() + b"\n" + canonical(entry)).hexdigest()


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    first_bad_position: int | None = None
    reason: str = ""


def verify(rows: Iterable[tuple[int, Mapping[str, Any], str]]) -> Verdict:
    """Rows are (position, entry, stored hash) in stored order, positions from 1."""
    previous = GENESIS
    expected_position = 1
    checked = 0
    for position, entry, stored in rows:
        if position != expected_position:
            return Verdict(
                False,
                checked,
                expected_position,
                f"position {position} found where {expected_position} was expected",
            )
        if chain_hash(previous, entry) != stored:
            return Verdict(False, checked, position, "the hash does not match the entry")
        previous = stored
        expected_position += 1
        checked += 1
    return Verdict(True, checked)
