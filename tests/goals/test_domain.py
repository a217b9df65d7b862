"""The goal status rule and the carbon-budget arithmetic, with exact numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.goals import (
    Point,
    Status,
    carbon_status,
    expected_share,
    goal_status,
    parse_date,
    parse_number,
    sum_by_year,
    worst_status,
)

BASE = Point(Decimal("50"), date(2020, 1, 1))
TARGET = Point(Decimal("100"), date(2030, 1, 1))
HALF = date(2025, 1, 1)  # 1827 of 3653 days: just over half way


def status(value: str, on: date = HALF, direction: str = "higher") -> Status:
    return goal_status(BASE, TARGET, direction, Point(Decimal(value), on))


def test_no_measurement_is_no_data() -> None:
    assert goal_status(BASE, TARGET, "higher", None) == Status.NO_DATA


def test_measurement_before_baseline_is_no_data() -> None:
    assert status("99", on=date(2019, 12, 31)) == Status.NO_DATA


def test_expected_progress_is_linear() -> None:
    assert expected_share(BASE.date, TARGET.date, HALF) == Fraction(1827, 3653)
    assert expected_share(BASE.date, TARGET.date, date(2040, 1, 1)) == 1
    assert expected_share(BASE.date, TARGET.date, date(2010, 1, 1)) == 0


def test_thresholds_at_ninety_and_sixty_percent_of_expected() -> None:
    expected = Fraction(1827, 3653)
    on_edge = Fraction(50) + 50 * Fraction(9, 10) * expected  # exactly 90 %
    risk_edge = Fraction(50) + 50 * Fraction(6, 10) * expected  # exactly 60 %
    point = lambda v: Point(v, HALF)  # noqa: E731
    assert goal_status(BASE, TARGET, "higher", point(on_edge)) == Status.ON_TRACK
    assert goal_status(BASE, TARGET, "higher", point(on_edge - Fraction(1, 10**6))) == (
        Status.AT_RISK
    )
    assert goal_status(BASE, TARGET, "higher", point(risk_edge)) == Status.AT_RISK
    assert goal_status(BASE, TARGET, "higher", point(risk_edge - Fraction(1, 10**6))) == (
        Status.OFF_TRACK
    )


def test_typical_values() -> None:
    assert status("75") == Status.ON_TRACK  # 50 % of the way, 50 % expected
    assert status("66") == Status.AT_RISK  # 32 % of the way
    assert status("55") == Status.OFF_TRACK  # 10 % of the way
    assert status("40") == Status.OFF_TRACK  # the wrong way


def test_reached_target_is_on_track_early_and_late() -> None:
    assert status("100", on=date(2020, 6, 1)) == Status.ON_TRACK
    assert status("120", on=date(2035, 1, 1)) == Status.ON_TRACK


def test_past_target_date_and_not_reached_is_off_track() -> None:
    assert status("99", on=date(2030, 1, 1)) == Status.OFF_TRACK


def test_measurement_on_the_baseline_date() -> None:
    assert status("50", on=BASE.date) == Status.ON_TRACK
    assert status("49", on=BASE.date) == Status.OFF_TRACK


def test_target_equal_to_baseline_means_hold_the_level() -> None:
    hold = Point(Decimal("50"), date(2030, 1, 1))
    assert goal_status(BASE, hold, "higher", Point(Decimal("50"), HALF)) == Status.ON_TRACK
    assert goal_status(BASE, hold, "higher", Point(Decimal("51"), HALF)) == Status.ON_TRACK
    assert goal_status(BASE, hold, "higher", Point(Decimal("49"), HALF)) == Status.OFF_TRACK
    assert goal_status(BASE, hold, "lower", Point(Decimal("51"), HALF)) == Status.OFF_TRACK


def test_lower_is_better() -> None:
    # waiting time for a care home: from 60 days to 30 days
    base = Point(Decimal("60"), date(2020, 1, 1))
    target = Point(Decimal("30"), date(2030, 1, 1))
    at = lambda v: goal_status(base, target, "lower", Point(Decimal(v), HALF))  # noqa: E731
    assert at("45") == Status.ON_TRACK
    assert at("50") == Status.AT_RISK
    assert at("58") == Status.OFF_TRACK
    assert at("70") == Status.OFF_TRACK
    assert at("29") == Status.ON_TRACK


def test_target_on_the_wrong_side_is_off_track_until_reached() -> None:
    worse = Point(Decimal("40"), date(2030, 1, 1))  # "higher is better" but target below
    assert goal_status(BASE, worse, "higher", Point(Decimal("45"), HALF)) == Status.ON_TRACK
    assert goal_status(BASE, worse, "higher", Point(Decimal("30"), HALF)) == Status.OFF_TRACK


@given(st.integers(min_value=-1000, max_value=1000), st.integers(min_value=0, max_value=5000))
def test_status_is_always_defined_and_reaching_wins(value: int, days: int) -> None:
    on = date.fromordinal(BASE.date.toordinal() + days)
    result = goal_status(BASE, TARGET, "higher", Point(value, on))
    assert result in {Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK}
    if value >= 100:
        assert result == Status.ON_TRACK


def test_worst_status() -> None:
    assert worst_status([]) == Status.NO_DATA
    assert worst_status([Status.NO_DATA, Status.ON_TRACK]) == Status.ON_TRACK
    assert worst_status([Status.ON_TRACK, Status.AT_RISK]) == Status.AT_RISK
    assert worst_status([Status.AT_RISK, Status.OFF_TRACK, Status.NO_DATA]) == Status.OFF_TRACK


# --- carbon budget ---


def test_carbon_budget_remaining_and_linear_reduction() -> None:
    budget = dict.fromkeys(range(2020, 2031), 100)  # 11 years, 1100 t
    actuals = {2020: 110, 2021: 105, 2022: 100}  # 315 t used, 785 t left
    result = carbon_status(budget, actuals, 2020, 2030)
    assert result.total == 1100
    assert result.used == 315
    assert result.remaining == 785
    assert result.last_year == 2022
    assert result.years_left == 8
    # 8*100 - r*36 <= 785  =>  r = 15/36 = 5/12 t a year
    assert result.reduction_per_year == Fraction(5, 12)
    assert result.reduction_percent == Fraction(5, 12)  # of 100 t
    assert result.feasible


def test_carbon_budget_already_fits_needs_no_reduction() -> None:
    result = carbon_status({2020: 100, 2021: 100, 2022: 100}, {2020: 50}, 2020, 2022)
    assert result.remaining == 250
    assert result.reduction_per_year == 0
    assert result.reduction_percent == 0


def test_carbon_budget_overspent_is_not_feasible() -> None:
    result = carbon_status({2020: 10, 2021: 10, 2022: 10}, {2020: 40}, 2020, 2022)
    assert result.remaining == -10
    # 2*40 - r*3 <= -10  => r = 30
    assert result.reduction_per_year == 30
    assert result.reduction_percent == 75
    assert not result.feasible


def test_carbon_budget_with_decimals_and_no_years_left() -> None:
    result = carbon_status(
        {2024: Decimal("10.5"), 2025: Decimal("9.25")},
        {2024: Decimal("10.125"), 2025: Decimal("9.5"), 2026: Decimal("99")},
        2024,
        2025,
    )
    assert result.used == Fraction("19.625")
    assert result.remaining == Fraction(1, 8)
    assert result.years_left == 0
    assert result.reduction_per_year is None
    assert result.feasible


def test_carbon_budget_without_actuals() -> None:
    result = carbon_status({2024: 5}, {}, 2024, 2026)
    assert result.remaining == 5
    assert result.last_year is None
    assert result.reduction_per_year is None


def test_sum_by_year_per_sector() -> None:
    lines = [("transport", 2020, 10), ("waste", 2020, Decimal("2.5")), ("transport", 2021, 8)]
    assert sum_by_year(lines) == {2020: Fraction(25, 2), 2021: 8}
    assert sum_by_year(lines, "transport") == {2020: 10, 2021: 8}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-12-31", date(2024, 12, 31)),
        ("31-12-2024", date(2024, 12, 31)),
        ("31.12.2024", date(2024, 12, 31)),
        ("2024-02-30", None),
        ("i går", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", Decimal("12.5")),
        ("1.234,5", Decimal("1234.5")),
        ("12.5", Decimal("12.5")),
        ("-3", Decimal("-3")),
        ("1 000", Decimal("1000")),
        ("tolv", None),
        ("", None),
        ("1e5", None),
    ],
)
def test_parse_number(text: str, expected: Decimal | None) -> None:
    assert parse_number(text) == expected
