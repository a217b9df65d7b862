"""The 169 targets of the UN Sustainable Development Goals, by code ("4.1", "11.6", "13.a").

Each goal has numbered targets (what is to be reached) and lettered targets (the means of
implementation). The counts follow the UN's 2030 Agenda (A/RES/70/1); the texts are the UN's and
are linked, not copied: `target_url` gives the goal's official page, where every target is
listed."""

from __future__ import annotations

import re

# goal number -> (numbered targets, lettered targets)
TARGET_COUNTS: dict[int, tuple[int, int]] = {
    1: (5, 2),
    2: (5, 3),
    3: (9, 4),
    4: (7, 3),
    5: (6, 3),
    6: (6, 2),
    7: (3, 2),
    8: (10, 2),
    9: (5, 3),
    10: (7, 3),
    11: (7, 3),
    12: (8, 3),
    13: (3, 2),
    14: (7, 3),
    15: (9, 3),
    16: (10, 2),
    17: (19, 0),
}

_CODE = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")


def target_codes(goal: int) -> list[str]:
    numbered, lettered = TARGET_COUNTS[goal]
    return [f"{goal}.{n}" for n in range(1, numbered + 1)] + [
        f"{goal}.{chr(ord('a') + i)}" for i in range(lettered)
    ]


def all_target_codes() -> list[str]:
    return [code for goal in TARGET_COUNTS for code in target_codes(goal)]


def parse_target(code: str) -> tuple[int, str] | None:
    """(goal number, the part after the dot) for a valid target code, else None."""
    match = _CODE.match(code.strip().lower())
    if match is None:
        return None
    goal = int(match.group(1))
    if goal not in TARGET_COUNTS or match.group(0) not in target_codes(goal):
        return None
    return goal, match.group(2)


def sort_key(code: str) -> tuple[int, int, int]:
    """Numbered targets before lettered ones, in order: 4.2 < 4.10 < 4.a."""
    goal, rest = code.split(".")
    if rest.isdigit():
        return int(goal), 0, int(rest)
    return int(goal), 1, ord(rest) - ord("a")


def target_url(code: str) -> str:
    goal = code.split(".")[0]
    return f"https://sdgs.un.org/goals/goal{goal}#targets_and_indicators"
