"""The pure rules of efforts: co-financing arithmetic (exact), the warnings, and the overlap rule
with half-open periods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.efforts import (
    FinancingForm,
    FinancingLine,
    FinancingWarning,
    LineProblem,
    Span,
    financing,
    line_problems,
    line_value,
    overlapping,
    overlaps,
    percent,
    weeks_between,
    whole_kroner,
)

START, END = date(2026, 1, 1), date(2030, 1, 1)


def cash(party: str, amount: int, *, fund: bool = False) -> FinancingLine:
    return FinancingLine(
        party=party, form=FinancingForm.CASH, start=START, end=END, amount=amount, is_fund=fund
    )


def test_the_fund_pays_75_and_the_local_parties_25_percent():
    result = financing(
        [
            cash("lbf", 3_000_000, fund=True),
            cash("kommune", 600_000),
            FinancingLine(
                party="boligselskab",
                form=FinancingForm.STAFF_HOURS,
                start=date(2026, 1, 1),
                end=date(2027, 1, 1),
                hours_per_week=Decimal("10"),
                hourly_rate=Decimal("400"),
                weeks=100,
            ),
        ]
    )
    assert result.total == 4_000_000
    assert result.fund == 3_000_000 and result.local == 1_000_000
    assert result.fund_share == Fraction(3, 4) and result.local_share == Fraction(1, 4)
    assert result.warnings == ()
    values = {p.party: p.value for p in result.parties}
    assert values == {"lbf": 3_000_000, "kommune": 600_000, "boligselskab": 400_000}
    assert {p.party: p.share for p in result.parties}["kommune"] == Fraction(15, 100)


def test_hours_run_the_weeks_of_the_period_when_none_are_given():
    line = FinancingLine(
        party="forening",
        form=FinancingForm.MEETING_HOURS,
        start=date(2026, 1, 1),
        end=date(2026, 1, 15),
        hours_per_week=Decimal("2.5"),
        hourly_rate=300,
    )
    assert weeks_between(line.start, line.end) == 2
    assert line_value(line) == 1_500
    # A year of 365 days is 52 1/7 weeks: exact, and rounded only for the page.
    year = FinancingLine(
        party="x",
        form=FinancingForm.SECONDMENT,
        start=date(2026, 1, 1),
        end=date(2027, 1, 1),
        hours_per_week=37,
        hourly_rate=1,
    )
    assert line_value(year) == Fraction(37 * 365, 7)
    assert whole_kroner(line_value(year)) == 1929  # 1929.28…


def test_a_party_with_several_lines_counts_once():
    result = financing([cash("kommune", 100), cash("kommune", 50)])
    assert len(result.parties) == 1 and result.parties[0].value == 150
    assert result.warnings == (FinancingWarning.FEW_PARTIES,)
    assert result.local_share == 1 and result.fund_share == 0


def test_the_local_share_below_the_minimum_warns():
    result = financing([cash("lbf", 800, fund=True), cash("kommune", 200)])
    assert result.local_share == Fraction(1, 5)
    assert result.warnings == (FinancingWarning.LOCAL_SHARE_LOW,)
    # Exactly 25 % is enough; the minimum can be changed.
    assert financing([cash("lbf", 750, fund=True), cash("k", 250)]).warnings == ()
    assert financing(
        [cash("lbf", 750, fund=True), cash("k", 250)], min_local_share=Fraction(3, 10)
    ).warnings == (FinancingWarning.LOCAL_SHARE_LOW,)


def test_no_lines_at_all():
    result = financing([])
    assert result.total == 0 and result.fund_share is None and result.local_share is None
    assert result.warnings == (FinancingWarning.FEW_PARTIES,)


def test_a_party_worth_nothing_is_not_a_financing_party():
    result = financing([cash("lbf", 750, fund=True), cash("k", 0)])
    assert FinancingWarning.FEW_PARTIES in result.warnings


def test_lines_with_problems_are_named_and_worth_nothing():
    hours_without_rate = FinancingLine(
        party="x", form=FinancingForm.STAFF_HOURS, start=START, end=END, hours_per_week=5
    )
    assert line_problems(hours_without_rate) == [LineProblem.HOURS_MISSING]
    assert line_value(hours_without_rate) == 0
    no_amount = FinancingLine(party="x", form=FinancingForm.IN_KIND, start=START, end=END)
    assert line_problems(no_amount) == [LineProblem.AMOUNT_MISSING]
    reversed_period = FinancingLine(
        party="x", form=FinancingForm.CASH, start=END, end=START, amount=5
    )
    assert line_problems(reversed_period) == [LineProblem.PERIOD_REVERSED]
    negative = FinancingLine(party="x", form=FinancingForm.CASH, start=START, end=END, amount=-1)
    assert line_problems(negative) == [LineProblem.NEGATIVE]
    both = FinancingLine(
        party="x",
        form=FinancingForm.CASH,
        start=START,
        end=END,
        amount=5,
        hours_per_week=1,
        hourly_rate=1,
    )
    assert line_problems(both) == [LineProblem.BOTH_GIVEN]


def test_percent_and_rounding_go_halves_up():
    assert percent(Fraction(1, 3)) == Decimal("33.3")
    assert percent(Fraction(3, 4)) == Decimal("75.0")
    assert percent(Fraction(1, 8), places=0) == Decimal("13")
    assert whole_kroner(Fraction(5, 2)) == 3 and whole_kroner(Fraction(7, 3)) == 2


@given(
    st.lists(st.tuples(st.sampled_from("abcd"), st.booleans(), st.integers(0, 10**7)), max_size=8)
)
def test_the_shares_always_add_up(rows):
    result = financing([cash(p, amount, fund=fund) for p, fund, amount in rows])
    assert result.fund + result.local == result.total
    if result.total:
        assert result.fund_share + result.local_share == 1  # type: ignore[operator]
        assert sum(p.share for p in result.parties) == 1


# --- overlap -------------------------------------------------------------------------------------


def span(key: str, start: date, end: date | None, group: str = "unge", area: str = "eng") -> Span:
    return Span(key=key, target_group=group, area=area, start=start, end=end)


def test_same_group_same_area_same_time_overlap():
    a = span("a", date(2026, 1, 1), date(2027, 1, 1))
    b = span("b", date(2026, 6, 1), date(2028, 1, 1))
    assert overlaps(a, b) and overlaps(b, a)


def test_periods_are_half_open():
    a = span("a", date(2026, 1, 1), date(2027, 1, 1))
    b = span("b", date(2027, 1, 1), date(2028, 1, 1))
    assert not overlaps(a, b)
    assert overlaps(a, span("c", date(2026, 12, 31), date(2027, 1, 2)))


def test_an_open_end_runs_until_further_notice():
    a = span("a", date(2026, 1, 1), None)
    assert overlaps(a, span("b", date(2040, 1, 1), date(2041, 1, 1)))
    assert not overlaps(a, span("c", date(2020, 1, 1), date(2026, 1, 1)))


def test_another_group_another_area_or_no_group_do_not_overlap():
    a = span("a", START, END)
    assert not overlaps(a, span("b", START, END, group="ældre"))
    assert not overlaps(a, span("c", START, END, area="strand"))
    none = Span(key="d", target_group=None, area="eng", start=START, end=END)
    assert not overlaps(none, Span(key="e", target_group=None, area="eng", start=START, end=END))
    assert not overlaps(a, a)


def test_overlapping_names_every_pair_both_ways():
    spans = [
        span("a", date(2026, 1, 1), date(2027, 1, 1)),
        span("b", date(2026, 6, 1), date(2027, 6, 1)),
        span("c", date(2026, 9, 1), date(2026, 10, 1)),
        span("d", date(2026, 1, 1), date(2030, 1, 1), group="ældre"),
    ]
    assert overlapping(spans) == {"a": ["b", "c"], "b": ["a", "c"], "c": ["a", "b"], "d": []}
