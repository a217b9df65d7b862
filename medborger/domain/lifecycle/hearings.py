"""Hearings (høring / remiss): a document is open for responses in a time-boxed window.

    upcoming → open → closed

The status is derived from the dates, never stored. Nothing here reads the clock: `now` is an
argument. Also pure: what kind of file an upload really is (its first bytes, and for the zip
based office formats the names inside), and the counts of the hearing report.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

DEFAULT_WINDOW_DAYS = 14


class Status(StrEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


class Stance(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    MIXED = "mixed"
    NONE = ""


def default_closes_at(opens_at: datetime, days: int = DEFAULT_WINDOW_DAYS) -> datetime:
    return opens_at + timedelta(days=days)


def status(*, opens_at: datetime, closes_at: datetime, now: datetime) -> Status:
    if now < opens_at:
        return Status.UPCOMING
    if now < closes_at:
        return Status.OPEN
    return Status.CLOSED


def accepts_responses(*, opens_at: datetime, closes_at: datetime, now: datetime) -> bool:
    return status(opens_at=opens_at, closes_at=closes_at, now=now) == Status.OPEN


REPORT_TITLES = {"DK": "Høringsnotat", "SE": "Remissammanställning"}


def report_title(country: str) -> str:
    """The hearing report's name as the municipality's country writes it."""
    return REPORT_TITLES.get(country, REPORT_TITLES["DK"])


# --- what a file really is ------------------------------------------------------------------------

PDF = "pdf"
DOCX = "docx"
ODT = "odt"
XLSX = "xlsx"
JPEG = "jpeg"
PNG = "png"

EXTENSIONS = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".odt": ODT,
    ".xlsx": XLSX,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".png": PNG,
}
DOCUMENT_KINDS = frozenset({PDF, DOCX, ODT, XLSX})
RESPONSE_KINDS = frozenset({PDF, JPEG, PNG, DOCX})
KIND_LABELS = {PDF: "PDF", DOCX: "DOCX", ODT: "ODT", XLSX: "XLSX", JPEG: "JPEG", PNG: "PNG"}

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
RESPONSE_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
RESPONSE_MAX_ATTACHMENTS = 3


def kind_by_name(name: str) -> str | None:
    lowered = name.lower().strip()
    dot = lowered.rfind(".")
    return EXTENSIONS.get(lowered[dot:]) if dot >= 0 else None


def sniff(head: bytes, whole: bytes | None = None) -> str | None:
    """The file's real kind from its content. `head` is the first bytes; the zip based formats
    (DOCX, XLSX, ODT) need `whole` to look at the names inside."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04") and whole is not None:
        try:
            with zipfile.ZipFile(io.BytesIO(whole)) as archive:
                names = set(archive.namelist())
                if "mimetype" in names:
                    mimetype = archive.read("mimetype").strip()
                    if mimetype == b"application/vnd.oasis.opendocument.text":
                        return ODT
                if "[Content_Types].xml" in names:
                    if "word/document.xml" in names:
                        return DOCX
                    if "xl/workbook.xml" in names:
                        return XLSX
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            return None
    return None


class FileRefusal(StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    WRONG_EXTENSION = "wrong_extension"
    CONTENT_MISMATCH = "content_mismatch"


def file_refusal(
    *, name: str, size: int, content_kind: str | None, allowed: frozenset[str], max_bytes: int
) -> FileRefusal | None:
    """Why an upload is refused, or None: the name must end in an allowed type, the content
    must really be that type, and it must not be larger than `max_bytes`."""
    if size <= 0:
        return FileRefusal.EMPTY
    if size > max_bytes:
        return FileRefusal.TOO_LARGE
    by_name = kind_by_name(name)
    if by_name not in allowed:
        return FileRefusal.WRONG_EXTENSION
    if content_kind != by_name:
        return FileRefusal.CONTENT_MISMATCH
    return None


# --- the hearing report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseFacts:
    """What the report counts about one response."""

    key: int
    stance: str
    sections: frozenset[int]  # section numbers the response comments on
    themes: frozenset[str]


@dataclass
class ReportCounts:
    responses: int = 0
    by_section: dict[int, int] = field(default_factory=dict)
    by_theme: dict[str, int] = field(default_factory=dict)
    by_stance: dict[str, int] = field(default_factory=dict)
    without_theme: int = 0


def report_counts(
    responses: Iterable[ResponseFacts], *, sections: Sequence[int], themes: Sequence[str]
) -> ReportCounts:
    """Counts per section, theme and stance. Every section and theme is listed, also with 0; a
    response counts once per section and theme however long it is."""
    items = list(responses)
    by_section = dict.fromkeys(sections, 0)
    by_theme = dict.fromkeys(themes, 0)
    stances: Counter[str] = Counter()
    without_theme = 0
    for item in items:
        for number in item.sections:
            if number in by_section:
                by_section[number] += 1
        for theme in item.themes:
            if theme in by_theme:
                by_theme[theme] += 1
        if not item.themes:
            without_theme += 1
        stances[item.stance or Stance.NONE.value] += 1
    by_stance = {s.value: stances.get(s.value, 0) for s in Stance}
    return ReportCounts(
        responses=len(items),
        by_section=by_section,
        by_theme=by_theme,
        by_stance=by_stance,
        without_theme=without_theme,
    )
