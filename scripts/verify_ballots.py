#!/usr/bin/env python3
"""Verify an exported participatory-budget ballot log and recount it, with Python alone.

    python3 verify_ballots.py ballots.jsonl

The file has one JSON object per line: {"position": n, "entry": {...}, "hash": "..."}, as the
`export_ballots` management command writes it. Each hash is SHA-256 over the previous hash, a
newline and the entry's canonical JSON (sorted keys, no spaces, UTF-8); the first entry chains to
64 zeros. A ballot counts unless a later entry names its receipt in "replaces".

This file imports only the standard library (no Django, nothing of the platform), so anyone can
read it and run it. It must agree with medborger/domain/budgeting/ballotlog.py and tally.py; the
tests run both on the same log. Exit status: 0 when the log verifies, 1 when it does not, 2 when
the file cannot be read.
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any

GENESIS = "0" * 64


def canonical(entry: dict[str, Any]) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def chain_hash(previous: str, entry: dict[str, Any]) -> str:
    return hashlib.sha256(previous.encode() + b"\n" + canonical(entry)).hexdigest()


def read(path: str) -> list[dict[str, Any]]:
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                rows.append(
                    {"position": int(row["position"]), "entry": row["entry"], "hash": row["hash"]}
                )
            except (ValueError, KeyError, TypeError) as error:
                raise SystemExit(f"line {number} cannot be read: {error}") from None
    return rows


def first_break(rows: list[dict[str, Any]]) -> tuple[int, str] | None:
    previous = GENESIS
    for expected, row in enumerate(rows, start=1):
        if row["position"] != expected:
            return expected, f"position {row['position']} found where {expected} was expected"
        if chain_hash(previous, row["entry"]) != row["hash"]:
            return row["position"], "the hash does not match the entry"
        previous = row["hash"]
    return None


def tally(rows: list[dict[str, Any]]) -> tuple[int, dict[str, int]]:
    current: dict[str, dict[str, int]] = {}
    for row in rows:
        entry = row["entry"]
        if entry.get("replaces"):
            current.pop(entry["replaces"], None)
        current[str(entry["receipt"])] = {str(k): int(v) for k, v in entry["choice"].items()}
    totals: dict[str, int] = {}
    for choice in current.values():
        for pid, points in choice.items():
            if points:
                totals[pid] = totals.get(pid, 0) + points
    return len(current), dict(sorted(totals.items()))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} BALLOTS.jsonl", file=sys.stderr)
        return 2
    try:
        rows = read(argv[1])
    except OSError as error:
        print(f"cannot read {argv[1]}: {error}", file=sys.stderr)
        return 2
    broken = first_break(rows)
    if broken is not None:
        print(f"BROKEN at position {broken[0]}: {broken[1]}")
        return 1
    voters, totals = tally(rows)
    print(f"OK: {len(rows)} entries, {voters} current ballots")
    for pid, points in totals.items():
        print(f"project {pid}: {points}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
