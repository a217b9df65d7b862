"""Rules of efforts and holistic plans (indsatser, helhedsplaner) that need no database.

Co-financing: a plan is paid by a fund (Landsbyggefonden pays 75 %) and by local parties (25 %:
cash, staff hours, secondments, meeting hours, things in kind). Hours become kroner as
hourly rate × hours per week × weeks; the weeks are those of the line's period unless the line
names them. All arithmetic is exact (Fraction); only the texts round to whole kroner.

Overlap: two efforts overlap when they aim at the same target group in the same area at the
same time. Periods are half-open, [start, end): an effort ending on 1 January and one starting on
1 January do not overlap. An effort with no end runs until further notice."""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

DEFAULT_MIN_LOCAL_SHARE = Fraction(25, 100)
MIN_PARTIES = 2
DAYS_PER_WEEK = 7


class FinancingForm(enum.Enum):
    CASH = "cash"
    STAFF_HOURS = "staff_hours"
    SECONDMENT = "secondment"
    MEETING_HOURS = "meeting_hours"
    IN_KIND = "in_kind"


# Forms given as hours: hourly rate × hours per week × weeks.
HOURS_FORMS = frozenset(
    {FinancingForm.STAFF_HOURS, FinancingForm.SECONDMENT, FinancingForm.MEETING_HOURS}
)


class LineProblem(enum.Enum):
    AMOUNT_MISSING = "amount_missing"
    HOURS_MISSING = "hours_missing"
    NEGATIVE = "negative"
    PERIOD_REVERSED = "period_reversed"
    BOTH_GIVEN = "both_given"


class FinancingWarning(enum.Enum):
    FEW_PARTIES = "few_parties"
    LOCAL_SHARE_LOW = "local_share_low"


def _fraction(value: int | Decimal | Fraction | None) -> Fraction | None:
    return None if value is None else Fraction(value)


def weeks_between(start: date, end: date) -> Fraction:
    """The weeks in the half-open period [start, end), exactly (365 days are 52 1/7 weeks)."""
    return Fraction((end - start).days, DAYS_PER_WEEK)


@dataclass(frozen=True)
class FinancingLine:
    """One party's contribution. `party` is any key naming the party (the fund's lines set
    `is_fund`). Money forms give `amount`; hours forms give `hours_per_week` and `hourly_rate`,
    and `weeks` when they do not run the whole period."""

    party: Hashable
    form: FinancingForm
    start: date
    end: date
    is_fund: bool = False
    amount: Decimal | int | Fraction | None = None
    hours_per_week: Decimal | int | Fraction | None = None
    hourly_rate: Decimal | int | Fraction | None = None
    weeks: Decimal | int | Fraction | None = None


def line_problems(line: FinancingLine) -> list[LineProblem]:
    """What is wrong with a line as typed; an empty list means it can be counted."""
    problems: list[LineProblem] = []
    if line.end <= line.start:
        problems.append(LineProblem.PERIOD_REVERSED)
    numbers = [line.amount, line.hours_per_week, line.hourly_rate, line.weeks]
    if any(n is not None and n < 0 for n in numbers):
        problems.append(LineProblem.NEGATIVE)
    has_hours = line.hours_per_week is not None or line.hourly_rate is not None
    if line.form in HOURS_FORMS:
        if line.hours_per_week is None or line.hourly_rate is None:
            problems.append(LineProblem.HOURS_MISSING)
        if line.amount is not None:
            problems.append(LineProblem.BOTH_GIVEN)
    else:
        if line.amount is None:
            problems.append(LineProblem.AMOUNT_MISSING)
        if has_hours or line.weeks is not None:
            problems.append(LineProblem.BOTH_GIVEN)
    return problems


def line_weeks(line: FinancingLine) -> Fraction:
    given = _fraction(line.weeks)
    return given if given is not None else weeks_between(line.start, line.end)


def line_value(line: FinancingLine) -> Fraction:
    """The line's value in kroner, exactly. A line with problems is worth 0."""
    if line_problems(line):
        return Fraction(0)
    if line.form in HOURS_FORMS:
        hours = _fraction(line.hours_per_week) or Fraction(0)
        rate = _fraction(line.hourly_rate) or Fraction(0)
        return rate * hours * line_weeks(line)
    return _fraction(line.amount) or Fraction(0)


@dataclass(frozen=True)
class PartyTotal:
    party: Hashable
    is_fund: bool
    value: Fraction
    share: Fraction  # of the whole; 0 when nothing is financed


@dataclass(frozen=True)
class Financing:
    parties: tuple[PartyTotal, ...]
    total: Fraction
    fund: Fraction
    local: Fraction
    fund_share: Fraction | None  # None when the total is 0
    local_share: Fraction | None
    warnings: tuple[FinancingWarning, ...] = field(default=())


def financing(
    lines: Iterable[FinancingLine], *, min_local_share: Fraction = DEFAULT_MIN_LOCAL_SHARE
) -> Financing:
    """Each party's value, the fund's and the local share, and the warnings:
    fewer than two financing parties, and a local share below the minimum (25 % by default).

    A party is counted once however many lines it has; a party whose lines add up to 0 kr does
    not finance anything and is not counted."""
    values: dict[tuple[Hashable, bool], Fraction] = {}
    for line in lines:
        key = (line.party, line.is_fund)
        values[key] = values.get(key, Fraction(0)) + line_value(line)
    total = sum(values.values(), Fraction(0))
    fund = sum((v for (_, is_fund), v in values.items() if is_fund), Fraction(0))
    local = total - fund
    parties = tuple(
        PartyTotal(
            party=party,
            is_fund=is_fund,
            value=value,
            share=(value / total) if total else Fraction(0),
        )
        for (party, is_fund), value in values.items()
    )
    fund_share = fund / total if total else None
    local_share = local / total if total else None
    warnings: list[FinancingWarning] = []
    if sum(1 for p in parties if p.value > 0) < MIN_PARTIES:
        warnings.append(FinancingWarning.FEW_PARTIES)
    if local_share is not None and local_share < min_local_share:
        warnings.append(FinancingWarning.LOCAL_SHARE_LOW)
    return Financing(
        parties=parties,
        total=total,
        fund=fund,
        local=local,
        fund_share=fund_share,
        local_share=local_share,
        warnings=tuple(warnings),
    )


def whole_kroner(value: Fraction) -> int:
    """Rounded to whole kroner, halves up (what the page shows)."""
    return int(
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )


def percent(share: Fraction, places: int = 1) -> Decimal:
    """A share as a percentage with `places` decimals, halves up: 1/3 → 33.3."""
    exact = Decimal(share.numerator) * 100 / Decimal(share.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


# --- overlap -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """An effort as the overlap rule sees it. `target_group` and `area` are keys compared for
    equality; None never matches anything. `end` None: until further notice."""

    key: Hashable
    target_group: Hashable | None
    area: Hashable | None
    start: date
    end: date | None = None


def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """Half-open periods [start, end) share at least one day."""
    return (b_end is None or a_start < b_end) and (a_end is None or b_start < a_end)


def overlaps(a: Span, b: Span) -> bool:
    if a.key == b.key:
        return False
    if a.target_group is None or a.area is None:
        return False
    return (
        a.target_group == b.target_group
        and a.area == b.area
        and periods_overlap(a.start, a.end, b.start, b.end)
    )


def overlapping(spans: Sequence[Span]) -> dict[Hashable, list[Hashable]]:
    """For each span, the keys of the others it overlaps, in the order given."""
    found: dict[Hashable, list[Hashable]] = {s.key: [] for s in spans}
    for i, a in enumerate(spans):
        for b in spans[i + 1 :]:
            if overlaps(a, b):
                found[a.key].append(b.key)
                found[b.key].append(a.key)
    return found
