"""The audit log: every staff action, with who, what, when, and the values before and after."""

from __future__ import annotations

import datetime
import decimal
import json
import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Cast
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


# --- forgetting a deleted person ------------------------------------------------------------------

ERASED_TEXT = "deleted participant"
_CHUNK = 500


def _pattern(texts: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({t.strip() for t in texts if t and t.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.IGNORECASE)


def _scrub(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(ERASED_TEXT, value)
    if isinstance(value, list):
        return [_scrub(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, pattern) for k, v in value.items()}
    return value


def audit_forget(
    *,
    actor_id: int,
    texts: Iterable[str],
    everywhere: Iterable[str],
    linked_targets: dict[str, set[str]],
) -> int:
    """Take a deleted person out of the audit log and keep what was done, when and to what.

    - Entries the person made: the actor becomes "deleted account #<id>" (the id links the
      entries of one account to each other, never to a name).
    - Entries the person made and entries about the person's own rows (`linked_targets`: model
      label → ids): each of `texts` (which may be a one-word name) is replaced by "deleted
      participant" in the actor and object labels and in the values before and after.
    - Entries that merely mention one of `everywhere` (texts that identify one person: email
      addresses, a full name, a phone number): only those texts are replaced, so a first name or
      a common word in somebody else's entry stays.
    Returns the number of entries changed."""
    everywhere = {t.strip() for t in everywhere if t and t.strip()}
    texts = set(texts) | everywhere
    pattern = _pattern(texts)
    narrow = _pattern(everywhere)
    linked = {(label, str(pk)) for label, ids in linked_targets.items() for pk in ids}
    found = Q(actor_id=actor_id)
    for target_type, ids in linked_targets.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), _CHUNK):
            found |= Q(target_type=target_type, target_id__in=ordered[start : start + _CHUNK])
    # Too short a text would match entries about anything; such a text is only cleaned in the
    # entries found by the other two ways.
    for text in {t.strip() for t in everywhere if t and len(t.strip()) >= 4}:
        # SQLite keeps JSON with \u escapes; PostgreSQL's jsonb::text writes the characters.
        for form in {text, json.dumps(text)[1:-1]}:
            found |= (
                Q(actor_label__icontains=form)
                | Q(target_label__icontains=form)
                | Q(before_text__icontains=form)
                | Q(after_text__icontains=form)
            )
    entries = list(
        AuditEntry.objects.annotate(
            before_text=Cast("before", models.TextField()),
            after_text=Cast("after", models.TextField()),
        ).filter(found)
    )
    changed = []
    for entry in entries:
        old = (entry.actor_label, entry.target_label, entry.before, entry.after)
        if entry.actor_id == actor_id:
            entry.actor_label = f"deleted account #{actor_id}"
        own = entry.actor_id == actor_id or (entry.target_type, entry.target_id) in linked
        scrub = pattern if own else narrow
        if scrub is not None:
            entry.actor_label = scrub.sub(ERASED_TEXT, entry.actor_label)
            entry.target_label = scrub.sub(ERASED_TEXT, entry.target_label)
            entry.before = _scrub(entry.before, scrub)
            entry.after = _scrub(entry.after, scrub)
        if (entry.actor_label, entry.target_label, entry.before, entry.after) != old:
            changed.append(entry)
    AuditEntry.objects.bulk_update(
        changed, ["actor_label", "target_label", "before", "after"], batch_size=_CHUNK
    )
    return len(changed)


def admin_log_forget(
    *, texts: Iterable[str], everywhere: Iterable[str], rows: dict[str, set[str]], label: str
) -> int:
    """The same for the Django admin's change log (LogEntry): entries about the person's own
    rows (`rows`: model label → ids) get `label` as their object and lose each of `texts` from
    their change message; entries that merely mention one of `everywhere` lose those texts.
    Django writes the change message as JSON with \\u escapes, so both forms are matched."""
    from django.apps import apps
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    def with_json_forms(values: Iterable[str]) -> set[str]:
        plain = {v.strip() for v in values if v and v.strip()}
        return plain | {json.dumps(v)[1:-1] for v in plain}

    everywhere = {t.strip() for t in everywhere if t and t.strip()}
    pattern = _pattern(with_json_forms(set(texts) | everywhere))
    narrow = _pattern(with_json_forms(everywhere))
    types = {
        model_label: ContentType.objects.get_for_model(apps.get_model(model_label)).pk
        for model_label in rows
    }
    own = {(types[model_label], str(pk)) for model_label, ids in rows.items() for pk in ids}
    found = Q(pk__in=[])
    for model_label, ids in rows.items():
        ordered = sorted(ids)
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            found |= Q(content_type_id=types[model_label], object_id__in=chunk)
    for text in with_json_forms(t for t in everywhere if len(t) >= 4):
        found |= Q(object_repr__icontains=text) | Q(change_message__icontains=text)
    changed = []
    for entry in LogEntry.objects.filter(found):
        old = (entry.object_repr, entry.change_message)
        is_own = (entry.content_type_id, entry.object_id) in own
        scrub = pattern if is_own else narrow
        if is_own:
            entry.object_repr = label
        elif scrub is not None:
            entry.object_repr = scrub.sub(ERASED_TEXT, entry.object_repr)
        if scrub is not None:
            entry.change_message = scrub.sub(ERASED_TEXT, entry.change_message)
        if (entry.object_repr, entry.change_message) != old:
            changed.append(entry)
    LogEntry.objects.bulk_update(changed, ["object_repr", "change_message"], batch_size=_CHUNK)
    return len(changed)
