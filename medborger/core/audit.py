"""The audit log: every staff action, with who, what, when, and the values before and after."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.utils import timezone

from medborger.core.models import AuditEntry


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def snapshot(
    instance: models.Model | None, exclude: tuple[str, ...] = ("password",)
) -> dict[str, Any] | None:
    """The fields of an object as JSON-ready values, for the before/after of an audit entry."""
    if instance is None:
        return None
    data = model_to_dict(instance, exclude=list(exclude))
    return {key: _jsonable(value) for key, value in data.items()}


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    municipality: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    at: datetime.datetime | None = None,
) -> AuditEntry:
    if municipality is None and target is not None:
        municipality = getattr(target, "municipality", None)
    if before is not None and after is not None:
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        before = {k: before.get(k) for k in sorted(changed)}
        after = {k: after.get(k) for k in sorted(changed)}
    is_user = getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        municipality=municipality,
        actor=actor if is_user else None,
        actor_label=(getattr(actor, "email", "") if is_user else "system"),
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:300] if target is not None else "",
        before=before,
        after=after,
        at=at or timezone.now(),
    )
