"""The staff actions a person took, from the audit log."""

from __future__ import annotations

from typing import Any

from medborger.core.models import AuditEntry


def audit_export(user: Any) -> list[dict[str, Any]]:
    return [
        {"at": e.at.isoformat(), "action": e.action, "object": e.target_label}
        for e in AuditEntry.objects.filter(actor=user).order_by("at")
    ]
