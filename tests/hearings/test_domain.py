"""The pure rules of hearings: status from the dates, file kinds from their content, the
report's counts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.lifecycle import hearings as h
from tests.hearings.conftest import (
    docx_bytes,
    jpeg_bytes,
    odt_bytes,
    pdf_bytes,
    png_bytes,
    xlsx_bytes,
    zip_bytes,
)

OPENS = datetime(2025, 9, 1, 8, tzinfo=UTC)
CLOSES = h.default_closes_at(OPENS)


def test_the_default_window_is_14_days():
    assert timedelta(days=14) == CLOSES - OPENS


def test_status_follows_the_dates():
    assert (
        h.status(opens_at=OPENS, closes_at=CLOSES, now=OPENS - timedelta(seconds=1))
        == h.Status.UPCOMING
    )
    assert h.status(opens_at=OPENS, closes_at=CLOSES, now=OPENS) == h.Status.OPEN
    assert (
        h.status(opens_at=OPENS, closes_at=CLOSES, now=CLOSES - timedelta(seconds=1))
        == h.Status.OPEN
    )
    assert h.status(opens_at=OPENS, closes_at=CLOSES, now=CLOSES) == h.Status.CLOSED


@given(st.integers(min_value=-40 * 86400, max_value=40 * 86400))
def test_only_open_accepts_responses(offset: int) -> None:
    now = OPENS + timedelta(seconds=offset)
    assert h.accepts_responses(opens_at=OPENS, closes_at=CLOSES, now=now) == (OPENS <= now < CLOSES)


def test_report_title_by_country():
    assert h.report_title("DK") == "Høringsnotat"
    assert h.report_title("SE") == "Remissammanställning"


def test_sniff_knows_each_kind():
    for data, kind in [
        (pdf_bytes(), h.PDF),
        (png_bytes(), h.PNG),
        (jpeg_bytes(), h.JPEG),
        (docx_bytes(), h.DOCX),
        (xlsx_bytes(), h.XLSX),
        (odt_bytes(), h.ODT),
    ]:
        assert h.sniff(data[:16], data) == kind
    assert h.sniff(b"MZ\x90\x00 an exe", b"MZ\x90\x00 an exe") is None
    assert h.sniff(b"PK\x03\x04broken", b"PK\x03\x04broken") is None
    assert h.sniff(zip_bytes({"a.txt": b"x"})[:16], zip_bytes({"a.txt": b"x"})) is None


def test_file_refusals():
    def refusal(name: str, size: int, kind: str | None) -> h.FileRefusal | None:
        return h.file_refusal(
            name=name, size=size, content_kind=kind, allowed=h.RESPONSE_KINDS, max_bytes=100
        )

    assert refusal("a.pdf", 10, h.PDF) is None
    assert refusal("A.JPG", 10, h.JPEG) is None
    assert refusal("a.pdf", 0, None) == h.FileRefusal.EMPTY
    assert refusal("a.pdf", 101, h.PDF) == h.FileRefusal.TOO_LARGE
    assert refusal("a.exe", 10, None) == h.FileRefusal.WRONG_EXTENSION
    assert refusal("a.xlsx", 10, h.XLSX) == h.FileRefusal.WRONG_EXTENSION  # not for responses
    assert refusal("a.pdf", 10, h.PNG) == h.FileRefusal.CONTENT_MISMATCH
    assert refusal("a.docx", 10, None) == h.FileRefusal.CONTENT_MISMATCH


def test_report_counts_every_section_theme_and_stance():
    counts = h.report_counts(
        [
            h.ResponseFacts(1, "agree", frozenset({1, 2}), frozenset({"Trafik"})),
            h.ResponseFacts(2, "disagree", frozenset({2}), frozenset({"Trafik", "Natur"})),
            h.ResponseFacts(3, "", frozenset(), frozenset()),
        ],
        sections=[1, 2, 3],
        themes=["Natur", "Trafik", "Støj"],
    )
    assert counts.responses == 3
    assert counts.by_section == {1: 1, 2: 2, 3: 0}
    assert counts.by_theme == {"Natur": 1, "Trafik": 2, "Støj": 0}
    assert counts.by_stance == {"agree": 1, "disagree": 1, "mixed": 0, "": 1}
    assert counts.without_theme == 1
