"""Checking uploads: the name must end in an allowed type, the content must really be that type
(its first bytes; for DOCX, XLSX and ODT the names inside the zip), and the size within the
limit. The rules are in medborger.domain.lifecycle.hearings; here are the words."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from medborger.domain.lifecycle import hearings as lifecycle
from medborger.domain.lifecycle.hearings import FileRefusal

SNIFF_LIMIT = 25 * 1024 * 1024  # larger files are refused on size before they are read whole


def allowed_text(allowed: frozenset[str]) -> str:
    order = [
        lifecycle.PDF,
        lifecycle.DOCX,
        lifecycle.ODT,
        lifecycle.XLSX,
        lifecycle.JPEG,
        lifecycle.PNG,
    ]
    return ", ".join(lifecycle.KIND_LABELS[k] for k in order if k in allowed)


def content_kind(upload: Any) -> str | None:
    """What the upload really is; reads the file and rewinds it."""
    try:
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
    except (OSError, ValueError):
        return None
    return lifecycle.sniff(data[:16], data)


def upload_refusal(upload: Any, *, allowed: frozenset[str], max_bytes: int) -> str | None:
    """Why the upload is refused, in the reader's language, or None when it is fine."""
    name = str(getattr(upload, "name", "") or "")
    size = int(getattr(upload, "size", 0) or 0)
    kind = content_kind(upload) if 0 < size <= max_bytes else None
    refusal = lifecycle.file_refusal(
        name=name, size=size, content_kind=kind, allowed=allowed, max_bytes=max_bytes
    )
    if refusal is None:
        return None
    params = {
        "name": name.rsplit("/", 1)[-1],
        "size": f"{size / 1024 / 1024:.1f}",
        "limit": max_bytes // (1024 * 1024),
        "types": allowed_text(allowed),
    }
    if refusal == FileRefusal.EMPTY:
        return _("The file %(name)s is empty.") % params
    if refusal == FileRefusal.TOO_LARGE:
        return (
            _("The file %(name)s is too large (%(size)s MB). The limit is %(limit)s MB.") % params
        )
    if refusal == FileRefusal.WRONG_EXTENSION:
        return _("The file %(name)s is not an allowed type. Use %(types)s.") % params
    return (
        _(
            "The file %(name)s is not what its name says. Save it again as one of %(types)s and "
            "try once more."
        )
        % params
    )
