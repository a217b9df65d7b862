"""The hearing report as a PDF: the same data as the page, rendered from an HTML template with
print CSS (A4, page numbers, running title) by WeasyPrint. Made on request, never stored, so it
always carries the latest replies."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from medborger.hearings.selectors import HearingReport


def report_html(report: HearingReport, *, language: str, generated_at: Any = None) -> str:
    return render_to_string(
        "hearings/report_print.html",
        {
            "report": report,
            "hearing": report.hearing,
            "municipality": report.hearing.municipality,
            "generated_at": generated_at or timezone.now(),
            "LANGUAGE_CODE": language,
        },
    )


def report_pdf(report: HearingReport, *, language: str, generated_at: Any = None) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango is slow and only needed for PDFs

    html = report_html(report, language=language, generated_at=generated_at)
    return bytes(HTML(string=html).write_pdf())
