"""The rules by name, as the CLI and the apps call them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from medborger.domain.counting.greedy import greedy
from medborger.domain.counting.mes import equal_shares
from medborger.domain.counting.model import Instance, Profile
from medborger.domain.counting.phragmen import phragmen

RuleName = Literal["greedy", "mes", "mes-add1", "phragmen"]


def _mes(instance: Instance, profile: Profile) -> list[str]:
    return equal_shares(instance, profile, utility="cost")


def _mes_add1(instance: Instance, profile: Profile) -> list[str]:
    return equal_shares(instance, profile, utility="cost", completion="add1", fill=True)


RULES: dict[str, Callable[[Instance, Profile], list[str]]] = {
    "greedy": greedy,
    "mes": _mes,
    "mes-add1": _mes_add1,
    "phragmen": phragmen,
}


def count(rule: str, instance: Instance, profile: Profile) -> list[str]:
    """Selected project ids under ``rule`` (one of ``RULES``), in the order selected."""
    try:
        func = RULES[rule]
    except KeyError:
        raise ValueError(f"Unknown rule {rule!r}; known: {', '.join(RULES)}") from None
    return func(instance, profile)
