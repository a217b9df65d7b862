"""What each app holds about a person, gathered for the profile's data download.

Apps register an exporter in their AppConfig.ready(); the profile page calls them all.
tests/accounts/test_export.py fails when a model that points at the user has no exporter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Exporter = Callable[[Any], Any]
_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(section: str, exporter: Exporter) -> None:
    _EXPORTERS[section] = exporter


def export_all(user: Any) -> dict[str, Any]:
    return {section: exporter(user) for section, exporter in sorted(_EXPORTERS.items())}
