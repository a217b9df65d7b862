"""Importing measurements: every row is checked first, every problem is named with its line,
and nothing is stored unless all rows are good."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from medborger.core.models import AuditEntry
from medborger.goals import services
from medborger.goals.models import Measurement
from tests.goals.conftest import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

HEADER = "indicator;area;date;value;source"


def run(municipality, user, content: bytes, name: str = "data.csv", confirm: bool = False):  # type: ignore[no-untyped-def]
    return services.import_measurements(
        municipality=municipality, user=user, name=name, content=content, confirm=confirm
    )


def lines_of(report) -> list[int]:  # type: ignore[no-untyped-def]
    return [p.line for p in report.problems]


def test_good_csv_is_imported_whole(municipality, officer, wellbeing, waiting, north) -> None:  # type: ignore[no-untyped-def]
    report = run(
        municipality,
        officer,
        csv_bytes(
            HEADER,
            "Trivsel;Nordby;2024-08-01;84,5;Trivselsmålingen",
            "Trivsel;;31-07-2024;83;Trivselsmålingen",
            "ventetid;;2024-07-31;45;Fagsystemet",
        ),
    )
    assert report.ok and report.imported == 3
    stored = Measurement.objects.get(indicator=wellbeing, area=north)
    assert stored.value == Decimal("84.5")
    assert stored.entered_by == officer
    assert stored.source == "Trivselsmålingen"
    assert Measurement.objects.get(indicator=waiting).date == date(2024, 7, 31)
    assert AuditEntry.objects.filter(action="goals.import_measurements").count() == 1


def test_broken_csv_imports_nothing_and_names_every_line(  # type: ignore[no-untyped-def]
    municipality, officer, wellbeing, north
) -> None:
    Measurement.objects.create(indicator=wellbeing, area=north, date=date(2023, 8, 1), value=82)
    report = run(
        municipality,
        officer,
        csv_bytes(
            HEADER,
            "Trivsel;Nordby;2024-08-01;84;ok",  # 2 good
            "Karakterer;Nordby;2024-08-01;7;x",  # 3 unknown indicator
            "Trivsel;Østby;2024-08-01;84;x",  # 4 unknown area
            "Trivsel;Nordby;i sommer;84;x",  # 5 bad date
            "Trivsel;Nordby;2024-09-01;mange;x",  # 6 not a number
            "Trivsel;Nordby;2024-08-01;85;x",  # 7 duplicate of line 2
            "Trivsel;Nordby;2023-08-01;82;x",  # 8 already stored
            "Trivsel;Nordby;2024-10-01;140;x",  # 9 outside 0-100
        ),
    )
    assert not report.ok
    assert report.imported == 0
    assert lines_of(report) == [3, 4, 5, 6, 7, 8, 9]
    messages = {p.line: p.message for p in report.problems}
    assert "Karakterer" in messages[3]
    assert "Østby" in messages[4]
    assert "i sommer" in messages[5]
    assert "mange" in messages[6]
    assert "line 2" in messages[7]
    assert "already stored" in messages[8]
    assert "plausible" in messages[9]
    assert Measurement.objects.count() == 1  # only the one stored before


def test_a_row_with_several_problems_lists_them_all(municipality, officer, wellbeing) -> None:  # type: ignore[no-untyped-def]
    report = run(municipality, officer, csv_bytes(HEADER, "Ukendt;Ingensteds;32-13-2024;x;"))
    assert lines_of(report) == [2, 2, 2, 2]


def test_wrong_columns_are_refused(municipality, officer, wellbeing) -> None:  # type: ignore[no-untyped-def]
    report = run(municipality, officer, csv_bytes("indicator;place;when;value", "Trivsel;;;1"))
    assert lines_of(report) == [1]
    message = report.problems[0].message
    assert "area" in message and "date" in message and "source" in message
    assert "place" in message and "when" in message
    assert not Measurement.objects.exists()


def test_wrong_unit_is_refused(municipality, officer, wellbeing) -> None:  # type: ignore[no-untyped-def]
    report = run(
        municipality,
        officer,
        csv_bytes(HEADER + ";unit", "Trivsel;;2024-01-01;80;x;%", "Trivsel;;2025-01-01;8;x;dage"),
    )
    assert lines_of(report) == [3]
    assert "dage" in report.problems[0].message
    assert not Measurement.objects.exists()


def test_outside_range_needs_confirmation(municipality, officer, wellbeing) -> None:  # type: ignore[no-untyped-def]
    content = csv_bytes(HEADER, "Trivsel;;2024-01-01;101;x")
    report = run(municipality, officer, content)
    assert report.needs_confirmation_only
    assert not Measurement.objects.exists()
    report = run(municipality, officer, content, confirm=True)
    assert report.ok and report.imported == 1


def test_indicators_of_another_municipality_are_unknown(  # type: ignore[no-untyped-def]
    other_municipality, officer, wellbeing
) -> None:
    report = run(other_municipality, officer, csv_bytes(HEADER, "Trivsel;;2024-01-01;80;x"))
    assert lines_of(report) == [2]
    assert "unknown indicator" in report.problems[0].message


def test_empty_and_headless_files(municipality, officer, wellbeing) -> None:  # type: ignore[no-untyped-def]
    assert lines_of(run(municipality, officer, b"")) == [1]
    assert lines_of(run(municipality, officer, csv_bytes(HEADER))) == [1]


def test_unreadable_files_are_refused_whole(municipality, officer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(services.ImportFileError):
        run(municipality, officer, b"%PDF-1.4", name="data.pdf")
    with pytest.raises(services.ImportFileError):
        run(municipality, officer, b"not a zip file", name="data.xlsx")


def test_xlsx_with_date_and_number_cells(municipality, officer, wellbeing, south) -> None:  # type: ignore[no-untyped-def]
    content = xlsx_bytes(
        [
            ["Indikator", "Område", "Dato", "Værdi", "Kilde"],
            ["Trivsel", "Sydby", datetime(2024, 8, 1), 83.5, "Trivselsmålingen"],
            ["Trivsel", None, date(2024, 8, 1), 82, "Trivselsmålingen"],
        ]
    )
    report = run(municipality, officer, content, name="data.xlsx")
    assert report.ok and report.imported == 2
    assert Measurement.objects.get(area=south).value == Decimal("83.5")


def test_broken_xlsx_imports_nothing(municipality, officer, wellbeing) -> None:  # type: ignore[no-untyped-def]
    content = xlsx_bytes(
        [
            ["indicator", "area", "date", "value", "source"],
            ["Trivsel", None, date(2024, 8, 1), 82, "x"],
            [],
            ["Trivsel", None, "forleden", "otte", "x"],
        ]
    )
    report = run(municipality, officer, content, name="data.xlsx")
    assert lines_of(report) == [4, 4]
    assert not Measurement.objects.exists()


def test_database_duplicate_at_the_last_moment_imports_nothing(  # type: ignore[no-untyped-def]
    municipality, officer, wellbeing, monkeypatch
) -> None:
    real = services.check_rows

    def and_then_someone_else(**kwargs):  # type: ignore[no-untyped-def]
        report = real(**kwargs)
        Measurement.objects.create(indicator=wellbeing, date=date(2024, 1, 2), value=1)
        return report

    monkeypatch.setattr(services, "check_rows", and_then_someone_else)
    report = run(
        municipality,
        officer,
        csv_bytes(HEADER, "Trivsel;;2024-01-01;80;x", "Trivsel;;2024-01-02;81;x"),
    )
    assert not report.ok and report.imported == 0
    assert list(Measurement.objects.values_list("value", flat=True)) == [1]
