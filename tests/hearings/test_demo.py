"""The demo hearings: loaded twice gives the same rows; the report PDF from the demo data has
more than one page and carries the title, the sections, the themes, the counts and a reply."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from medborger.core.demo import load_foundation
from medborger.hearings.demo import CLOSED_RESPONSES, CLOSED_TITLE, OPEN_TITLE, load_hearings
from medborger.hearings.models import Hearing, HearingDocument, HearingResponse, HearingSection
from medborger.hearings.report_pdf import report_pdf
from medborger.hearings.selectors import hearing_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():  # type: ignore[no-untyped-def]
    context = load_foundation()
    load_hearings(context)
    return context


def _counts() -> tuple[int, ...]:
    return (
        Hearing.objects.count(),
        HearingSection.objects.count(),
        HearingDocument.objects.count(),
        HearingResponse.objects.count(),
        HearingResponse.objects.exclude(reply="").count(),
    )


def test_the_demo_is_idempotent(demo):
    first = _counts()
    load_hearings(demo)
    assert _counts() == first == (2, 7, 1, 14, 12)


def test_the_demo_has_one_open_and_one_full_closed_hearing(demo):
    now = demo.now
    assert Hearing.objects.get(title=OPEN_TITLE).is_open(now=now)
    closed = Hearing.objects.get(title=CLOSED_TITLE)
    assert closed.is_closed(now=now)
    organisations = set(
        closed.responses.exclude(organisation=None).values_list("organisation__name", flat=True)
    )
    assert organisations == {"Bakkely Borgerforening", "Kirkeby Idrætsforening"}
    assert closed.responses.filter(reply="").count() == 0
    document = HearingDocument.objects.get()
    assert document.file.read(5) == b"%PDF-"


def test_the_report_pdf_from_the_demo(demo):
    closed = Hearing.objects.get(title=CLOSED_TITLE)
    report = hearing_report(hearing=closed)
    pdf = report_pdf(report, language="da")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 1
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "Høringsnotat" in flat
    assert CLOSED_TITLE in flat
    for section in closed.sections.all():
        assert section.title in flat
    for theme in ("Friluftsliv", "Natur", "Trafik", "Tryghed"):
        assert theme in flat
    assert report.counts.responses == len(CLOSED_RESPONSES) == 12
    # The counts in the summary table: "Responses per theme" lists Friluftsliv with its count.
    friluftsliv = report.counts.by_theme["Friluftsliv"]
    assert friluftsliv == sum(1 for r in CLOSED_RESPONSES if "Friluftsliv" in r.themes)
    assert f"Friluftsliv {friluftsliv}" in flat
    assert "Page 1 / " in flat or "Side 1 / " in flat
    assert "Stien får en fast belægning af stenmel" in flat  # a reply
