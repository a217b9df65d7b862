"""Read-side queries of the core app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from medborger.core.models import AuditEntry


@dataclass
class OpenSection:
    """One block on the front page: what a resident can take part in now."""

    title: str
    items: list[Any] = field(default_factory=list)
    more_url: str = ""
    empty_text: str = ""


# Each capability (proposals, budgets, meetings …) registers one provider in its AppConfig.ready().
OpenNowProvider = Callable[..., OpenSection]
_OPEN_NOW: list[OpenNowProvider] = []


def register_open_now(provider: OpenNowProvider) -> None:
    if provider not in _OPEN_NOW:
        _OPEN_NOW.append(provider)


def open_now(*, municipality: Any) -> list[OpenSection]:
    return [provider(municipality=municipality) for provider in _OPEN_NOW]


def audit_entries_for(*, municipality: Any, action: str = "") -> QuerySet[AuditEntry]:
    entries = AuditEntry.objects.filter(municipality=municipality).select_related("actor")
    if action:
        entries = entries.filter(action=action)
    return entries
