"""Everything that changes goals data. Views call these; the status rule and the carbon-budget
arithmetic are pure and live in medborger.domain.goals.

Importing measurements
----------------------
A CSV (UTF-8, separated by ";" or ",") or XLSX file (first sheet) whose first row names the
columns. The header names are fixed (case does not matter):

    indicator  the indicator's name (or its number)                        required
    area       the area's name; empty for the whole municipality           required column
    date       2024-12-31, 31-12-2024 or 31.12.2024 (or a date cell)       required
    value      12,5 or 12.5 (or a number cell)                             required
    source     where the figure comes from                                 required column
    unit       the unit; when given it must match the indicator's unit     optional

Danish and Swedish header names (indikator, område, dato/datum, værdi/värde, kilde/källa,
enhed/enhet) are accepted too. Every row is checked before anything is stored, and every problem
is reported with the row's line number (the header is line 1). Nothing is imported unless every
row is good; then all rows are stored in one transaction. A value outside the indicator's
plausible range is a problem until the person importing confirms it (`confirm=True`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from medborger.accounts.models import User
from medborger.core.audit import audit_record
from medborger.domain.goals import parse_date, parse_number
from medborger.goals.models import Indicator, Measurement
from medborger.places.models import Area, Municipality

MAX_ROWS = 5000
MAX_BYTES = 2 * 1024 * 1024
REQUIRED_COLUMNS = ("indicator", "area", "date", "value", "source")
OPTIONAL_COLUMNS = ("unit",)
HEADER_ALIASES = {
    "indikator": "indicator",
    "område": "area",
    "omrade": "area",
    "dato": "date",
    "datum": "date",
    "værdi": "value",
    "värde": "value",
    "kilde": "source",
    "källa": "source",
    "enhed": "unit",
    "enhet": "unit",
}
SOURCE_MAX = 300


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, not a table, too large)."""


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str
    needs_confirmation: bool = False


@dataclass(frozen=True)
class GoodRow:
    line: int
    indicator: Indicator
    area: Area | None
    date: dt.date
    value: Decimal
    source: str
    outside_range: bool = False


@dataclass
class ImportReport:
    rows: list[GoodRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    imported: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def needs_confirmation_only(self) -> bool:
        return bool(self.problems) and all(p.needs_confirmation for p in self.problems)


# --- reading the file ----------------------------------------------------------------------


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def read_table(name: str, content: bytes) -> list[list[Any]]:
    """The rows of a CSV or XLSX file, header first. Raises ImportFileError."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(_("The file is too large. It may be at most 2 MB."))
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        return _read_xlsx(content)
    if lowered.endswith(".csv") or lowered.endswith(".txt"):
        return _read_csv(content)
    raise ImportFileError(_("Upload a CSV file (.csv) or an Excel file (.xlsx)."))


def _read_csv(content: bytes) -> list[list[Any]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError:  # pragma: no cover - cp1252 decodes almost anything
            raise ImportFileError(_("The file could not be read as text.")) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error:
        raise ImportFileError(_("The file could not be read as CSV.")) from None


def _read_xlsx(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise ImportFileError(_("The file could not be read as an Excel file (.xlsx).")) from None
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


# --- checking the rows ---------------------------------------------------------------------


def _header_map(header: list[Any]) -> tuple[dict[str, int], list[str]]:
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for index, raw in enumerate(header):
        name = _cell_text(raw).lower()
        if not name:
            continue
        name = HEADER_ALIASES.get(name, name)
        if name in REQUIRED_COLUMNS or name in OPTIONAL_COLUMNS:
            columns[name] = index
        else:
            unknown.append(_cell_text(raw))
    return columns, unknown


def _parse_date_cell(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(_cell_text(value))


def _parse_number_cell(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            number = Decimal(str(value))
        except InvalidOperation:  # pragma: no cover
            return None
        return number if number.is_finite() else None
    return parse_number(_cell_text(value))


def _fits_field(value: Decimal) -> bool:
    """max_digits=14, decimal_places=3 on the model."""
    return abs(value) < Decimal(10) ** 11 and value == value.quantize(Decimal("0.001"))


def check_rows(
    *,
    municipality: Municipality,
    table: list[list[Any]],
    confirm: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Check every row; nothing is stored. A report without problems can be imported."""
    today = today or timezone.localdate()
    report = ImportReport()
    if not table or not any(_cell_text(c) for c in table[0]):
        report.problems.append(
            RowProblem(1, _("The file is empty. The first row must name the columns."))
        )
        return report
    columns, unknown = _header_map(table[0])
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            parts.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
        report.problems.append(
            RowProblem(
                1,
                _("Wrong columns (%(details)s). The columns must be: %(expected)s.")
                % {"details": "; ".join(parts), "expected": ", ".join(REQUIRED_COLUMNS)},
            )
        )
        return report
    data = [
        (line, row)
        for line, row in enumerate(table[1:], start=2)
        if any(_cell_text(c) for c in row)
    ]
    if not data:
        report.problems.append(RowProblem(1, _("The file has no rows with measurements.")))
        return report
    if len(data) > MAX_ROWS:
        report.problems.append(
            RowProblem(
                1, _("The file has more than %(max)s rows. Split it up.") % {"max": MAX_ROWS}
            )
        )
        return report

    indicators = list(
        Indicator.objects.filter(goal__municipality=municipality).select_related("goal")
    )
    by_name: dict[str, list[Indicator]] = {}
    for known in indicators:
        by_name.setdefault(known.name.strip().lower(), []).append(known)
    by_pk = {str(i.pk): i for i in indicators}
    areas: dict[str, list[Area]] = {}
    for place in Area.objects.filter(municipality=municipality):
        areas.setdefault(place.name.strip().lower(), []).append(place)

    def cell(row: list[Any], name: str) -> Any:
        index = columns.get(name)
        if index is None or index >= len(row):
            return None
        return row[index]

    candidates: list[GoodRow] = []
    seen: dict[tuple[int, int | None, dt.date], int] = {}
    for line, row in data:
        problems: list[str] = []
        indicator: Indicator | None = None
        name = _cell_text(cell(row, "indicator"))
        if not name:
            problems.append(_("the indicator is missing"))
        elif name in by_pk:
            indicator = by_pk[name]
        else:
            found = by_name.get(name.lower(), [])
            if len(found) == 1:
                indicator = found[0]
            elif len(found) > 1:
                problems.append(
                    _("several indicators are called “%(name)s”; use the indicator's number")
                    % {"name": name}
                )
            else:
                problems.append(_("unknown indicator “%(name)s”") % {"name": name})
        unit = _cell_text(cell(row, "unit"))
        if (
            indicator is not None
            and "unit" in columns
            and unit
            and (unit.lower() != indicator.unit.strip().lower())
        ):
            problems.append(
                _("the unit “%(unit)s” is wrong; “%(indicator)s” is measured in “%(expected)s”")
                % {"unit": unit, "indicator": indicator.name, "expected": indicator.unit}
            )
        area: Area | None = None
        area_name = _cell_text(cell(row, "area"))
        if area_name:
            found_areas = areas.get(area_name.lower(), [])
            if len(found_areas) == 1:
                area = found_areas[0]
            elif len(found_areas) > 1:
                problems.append(_("several areas are called “%(name)s”") % {"name": area_name})
            else:
                problems.append(_("unknown area “%(name)s”") % {"name": area_name})
        raw_date = cell(row, "date")
        when = _parse_date_cell(raw_date)
        if when is None:
            problems.append(
                _("“%(date)s” is not a date; write it as 2024-12-31")
                % {"date": _cell_text(raw_date)}
            )
        elif when > today:
            problems.append(_("the date %(date)s is in the future") % {"date": when.isoformat()})
        raw_value = cell(row, "value")
        value = _parse_number_cell(raw_value)
        if value is None:
            problems.append(_("“%(value)s” is not a number") % {"value": _cell_text(raw_value)})
        elif not _fits_field(value):
            problems.append(_("the value %(value)s has too many digits") % {"value": value})
            value = None
        source = _cell_text(cell(row, "source"))
        if len(source) > SOURCE_MAX:
            problems.append(_("the source is longer than %(max)s characters") % {"max": SOURCE_MAX})
        if indicator is not None and when is not None and not problems:
            key = (indicator.pk, area.pk if area else None, when)
            if key in seen:
                problems.append(
                    _("the same indicator, area and date as line %(line)s") % {"line": seen[key]}
                )
            else:
                seen[key] = line
        for problem in problems:
            report.problems.append(RowProblem(line, problem))
        if problems or indicator is None or when is None or value is None:
            continue
        outside = outside_plausible_range(indicator, value)
        candidates.append(GoodRow(line, indicator, area, when, value, source, outside))

    if candidates:
        stored: set[tuple[int, int | None, dt.date]] = set(
            Measurement.objects.filter(
                indicator__in={r.indicator.pk for r in candidates},
                date__in={r.date for r in candidates},
            ).values_list("indicator_id", "area_id", "date")
        )
        for good in candidates:
            if (good.indicator.pk, good.area.pk if good.area else None, good.date) in stored:
                report.problems.append(
                    RowProblem(
                        good.line, _("a value for this indicator, area and date is already stored")
                    )
                )
                continue
            if good.outside_range and not confirm:
                report.problems.append(
                    RowProblem(
                        good.line,
                        _(
                            "%(value)s is outside the plausible range for “%(indicator)s” "
                            "(%(low)s to %(high)s); confirm it if it is right"
                        )
                        % {"value": good.value, **_range_text(good.indicator)},
                        needs_confirmation=True,
                    )
                )
            report.rows.append(good)
    report.problems.sort(key=lambda p: p.line)
    return report


def import_measurements(
    *,
    municipality: Municipality,
    user: User,
    name: str,
    content: bytes,
    confirm: bool = False,
    now: dt.datetime | None = None,
) -> ImportReport:
    """Check every row, then store all of them in one transaction, or none.

    Raises ImportFileError when the file cannot be read at all."""
    table = read_table(name, content)
    report = check_rows(
        municipality=municipality,
        table=table,
        confirm=confirm,
        today=timezone.localdate(now) if now is not None else None,
    )
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            Measurement.objects.bulk_create(
                [
                    Measurement(
                        indicator=row.indicator,
                        area=row.area,
                        date=row.date,
                        value=row.value,
                        source=row.source,
                        entered_by=user,
                    )
                    for row in report.rows
                ]
            )
            audit_record(
                actor=user,
                action="goals.import_measurements",
                municipality=municipality,
                after={"file": name[:200], "rows": len(report.rows)},
                at=now,
            )
    except IntegrityError:
        # Someone stored one of the same measurements a moment ago.
        report.problems.append(
            RowProblem(
                1, _("Some of these values were stored by someone else meanwhile. Try again.")
            )
        )
        return report
    report.imported = len(report.rows)
    return report


class MeasurementRefused(Exception):
    """A measurement typed in by staff that cannot be stored as it is. `field` names the form
    field the message belongs to; `needs_confirmation` is set when confirming would let it in."""

    def __init__(self, field: str, message: str, *, needs_confirmation: bool = False) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.needs_confirmation = needs_confirmation


def outside_plausible_range(indicator: Indicator, value: Decimal) -> bool:
    return (indicator.plausible_min is not None and value < indicator.plausible_min) or (
        indicator.plausible_max is not None and value > indicator.plausible_max
    )


def _range_text(indicator: Indicator) -> dict[str, Any]:
    return {
        "indicator": indicator.name,
        "low": indicator.plausible_min if indicator.plausible_min is not None else "–",
        "high": indicator.plausible_max if indicator.plausible_max is not None else "–",
    }


def measurement_add(
    *,
    indicator: Indicator,
    user: User,
    date: dt.date,
    value: Decimal,
    source: str,
    area: Area | None = None,
    confirm: bool = False,
    now: dt.datetime | None = None,
) -> Measurement:
    """One measurement typed in by staff, checked like an imported row: the area belongs to the
    municipality, the date is not in the future, the value fits and is not already stored for
    that indicator, area and date, and a value outside the plausible range is only stored when
    `confirm` is set."""
    municipality = indicator.goal.municipality
    today = timezone.localdate(now) if now is not None else timezone.localdate()
    if area is not None and area.municipality_id != municipality.pk:
        raise MeasurementRefused("area", _("The area is not in this municipality."))
    if date > today:
        raise MeasurementRefused(
            "date", _("The date is in the future. Give the day it was measured.")
        )
    if not _fits_field(value):
        raise MeasurementRefused("value", _("The value has too many digits."))
    source = source.strip()
    if not source:
        raise MeasurementRefused("source", _("Say where the figure comes from."))
    if outside_plausible_range(indicator, value) and not confirm:
        raise MeasurementRefused(
            "value",
            _(
                "%(value)s is outside the plausible range for “%(indicator)s” "
                "(%(low)s to %(high)s); confirm it if it is right"
            )
            % {"value": value, **_range_text(indicator)},
            needs_confirmation=True,
        )
    duplicate = _("A value for this indicator, area and date is already stored.")
    if Measurement.objects.filter(indicator=indicator, area=area, date=date).exists():
        raise MeasurementRefused("date", duplicate)
    try:
        with transaction.atomic():
            measurement = Measurement.objects.create(
                indicator=indicator,
                area=area,
                date=date,
                value=value,
                source=source,
                entered_by=user,
            )
            audit_record(
                actor=user,
                action="goals.add_measurement",
                target=measurement,
                municipality=municipality,
                after={
                    "indicator": indicator.pk,
                    "area": area.pk if area else None,
                    "date": date.isoformat(),
                    "value": str(value),
                    "confirmed_outside_range": outside_plausible_range(indicator, value),
                },
                at=now,
            )
    except IntegrityError:  # the same value stored by someone else a moment ago
        raise MeasurementRefused("date", duplicate) from None
    return measurement
