"""Comparison of areas and years (/maal/sammenlign/): the areas × years table with each area's
status now and its change from the year before, the bar chart with the target, the CSV download,
every goal's status at the end of each year, bad input as 400 with a message in the form, the
empty state, links from the dashboard and the goal page, a query count that does not grow with
the number of measurements, and the page in Chromium with axe-core in Danish and Swedish at
phone and desktop width."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from medborger.core.demo import load_foundation
from medborger.domain.goals import Status
from medborger.goals import compare
from medborger.goals.charts import bar_chart
from medborger.goals.demo import load_goals
from medborger.goals.models import Goal, Indicator, Measurement
from tests.browser.conftest import format_violations, run_axe

URL = "/maal/sammenlign/"
CSV_URL = "/maal/sammenlign/data.csv"


def _m(indicator: Indicator, day: date, value: str, area: Any = None) -> Measurement:
    return Measurement.objects.create(
        indicator=indicator, area=area, date=day, value=Decimal(value)
    )


@pytest.fixture
def measured(wellbeing, waiting, north, south):  # type: ignore[no-untyped-def]
    """Trivsel (higher is better, 80 in 2020 → 90 in 2030) for the whole municipality, Nordby and
    Sydby; Ventetid (lower is better) for the whole municipality only."""
    _m(wellbeing, date(2023, 3, 1), "82")
    _m(wellbeing, date(2023, 9, 1), "83")  # the latest of 2023 wins
    _m(wellbeing, date(2024, 6, 1), "84")
    _m(wellbeing, date(2023, 6, 1), "81", north)
    _m(wellbeing, date(2024, 6, 1), "83", north)
    _m(wellbeing, date(2022, 6, 1), "82", south)
    _m(wellbeing, date(2024, 6, 1), "79.5", south)
    _m(waiting, date(2024, 6, 1), "50")
    return wellbeing


def _goals(municipality):  # type: ignore[no-untyped-def]
    return compare.goals_for_comparison(municipality=municipality)


def _indicator(municipality, pk: int) -> Indicator:  # type: ignore[no-untyped-def]
    return next(i for i in compare.indicators_of(_goals(municipality)) if i.pk == pk)


# --- the selector ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_areas_by_year_values_status_and_change(municipality, measured) -> None:  # type: ignore[no-untyped-def]
    result = compare.indicator_comparison(_indicator(municipality, measured.pk))
    assert result.years == [2022, 2023, 2024]
    rows = {row.label: row for row in result.rows}
    assert [row.label for row in result.rows] == ["Whole municipality", "Nordby", "Sydby"]

    whole = rows["Whole municipality"]
    assert whole.area is None
    assert whole.cells == [None, Decimal("83"), Decimal("84")]
    # 84 on 2024-06-01: 40 % of the way, 1613/3653 ≈ 44 % expected; 40 >= 0.9 × 44.2
    assert whole.status == Status.ON_TRACK
    assert (whole.change, whole.change_since, whole.change_verdict) == (1, 2023, "better")

    north = rows["Nordby"]
    assert north.cells == [None, Decimal("81"), Decimal("83")]
    assert north.status == Status.AT_RISK  # 30 % of the way: between 60 % and 90 % of 44 %
    assert (north.change, north.change_since, north.change_verdict) == (2, 2023, "better")

    south = rows["Sydby"]
    assert south.cells == [Decimal("82"), None, Decimal("79.5")]
    assert south.status == Status.OFF_TRACK  # below the baseline
    # the previous year with a figure is 2022, not the empty 2023
    assert (south.change, south.change_since, south.change_verdict) == (
        Decimal("-2.5"),
        2022,
        "worse",
    )


@pytest.mark.django_db
def test_whole_municipality_row_without_figures_and_lower_is_better(
    municipality, waiting, north
) -> None:  # type: ignore[no-untyped-def]
    _m(waiting, date(2023, 1, 1), "58", north)
    _m(waiting, date(2024, 1, 1), "52", north)
    result = compare.indicator_comparison(_indicator(municipality, waiting.pk))
    whole, area = result.rows
    assert whole.cells == [None, None] and whole.latest is None
    assert whole.status == Status.NO_DATA and whole.change is None and whole.change_verdict == ""
    assert area.change == Decimal("-6") and area.change_verdict == "better"  # fewer days
    assert result.chart is not None and len(result.chart.bars) == 1  # no bar without a figure


def test_change_verdict_follows_the_direction() -> None:
    assert compare.change_verdict(Decimal("1"), "higher") == "better"
    assert compare.change_verdict(Decimal("1"), "lower") == "worse"
    assert compare.change_verdict(Decimal("-1"), "lower") == "better"
    assert compare.change_verdict(Decimal("0"), "higher") == "unchanged"
    assert compare.change_verdict(None, "higher") == ""


@pytest.mark.django_db
def test_default_indicator_is_the_first_with_area_figures(
    municipality, wellbeing, waiting, north
) -> None:  # type: ignore[no-untyped-def]
    assert compare.default_indicator(_goals(municipality)) == wellbeing  # none has areas: first
    _m(wellbeing, date(2024, 1, 1), "81")
    _m(waiting, date(2024, 1, 1), "50", north)
    assert compare.default_indicator(_goals(municipality)) == waiting
    assert compare.default_indicator([]) is None


@pytest.mark.django_db
def test_goal_status_at_the_end_of_each_year(municipality, wellbeing, north) -> None:  # type: ignore[no-untyped-def]
    _m(wellbeing, date(2022, 6, 1), "81")  # 10 % of the way, 24 % expected: off track
    _m(wellbeing, date(2023, 6, 1), "83")  # 30 %, 34 % expected: at risk
    _m(wellbeing, date(2024, 6, 1), "85")  # 50 %, 44 % expected: on track
    _m(wellbeing, date(2025, 6, 1), "70", north)  # an area's figure does not count
    care = Goal.objects.create(municipality=municipality, title="Kortere ventetid", position=1)
    queue = Indicator.objects.create(
        goal=care,
        name="Kø",
        unit="dage",
        direction="lower",
        baseline_value=Decimal("60"),
        baseline_date=date(2021, 1, 1),
        target_value=Decimal("30"),
        target_date=date(2031, 1, 1),
    )
    _m(queue, date(2022, 12, 31), "57")  # dated on the last day: counts for 2022
    Goal.objects.create(municipality=municipality, title="Uden indikatorer", position=2)

    years = compare.goal_years(_goals(municipality))
    assert years.years == [2022, 2023, 2024]
    rows = {row.goal.title: row for row in years.rows}
    school = rows["Flere børn trives i skolen"]
    assert school.statuses == [Status.OFF_TRACK, Status.AT_RISK, Status.ON_TRACK]
    assert school.moved == (Status.AT_RISK, Status.ON_TRACK)
    # on 2022-12-31 10 % of the way, 20 % expected: off track, carried forward
    assert rows["Kortere ventetid"].statuses == [Status.OFF_TRACK] * 3
    assert rows["Kortere ventetid"].moved is None
    assert rows["Uden indikatorer"].statuses == [Status.NO_DATA] * 3


@pytest.mark.django_db
def test_goal_years_of_a_goal_with_two_indicators_is_the_worst(
    municipality, wellbeing, waiting
) -> None:  # type: ignore[no-untyped-def]
    _m(wellbeing, date(2024, 6, 1), "85")  # on track
    _m(waiting, date(2024, 6, 1), "50")  # a third of the way, 44 % expected: at risk
    years = compare.goal_years(_goals(municipality))
    assert years.years == [2024]
    assert years.rows[0].statuses == [Status.AT_RISK] and years.rows[0].moved is None


@pytest.mark.django_db
def test_goals_of_another_municipality_are_left_out(
    municipality, other_municipality, measured
) -> None:  # type: ignore[no-untyped-def]
    assert _goals(other_municipality) == []
    assert compare.goal_years(_goals(other_municipality)).years == []


def test_bar_chart_starts_at_zero_and_draws_the_target() -> None:
    chart = bar_chart(
        [("Hele kommunen (2024)", Decimal("84"), True), ("Nordby (2024)", Decimal("42"), False)],
        target=Decimal("90"),
    )
    whole, north = chart.bars
    assert whole.x == north.x == chart.zero_x == chart.plot_left
    assert whole.width == pytest.approx(2 * north.width, abs=0.2)
    assert whole.colour != north.colour
    assert chart.target_x is not None and whole.x + whole.width < chart.target_x
    assert chart.target_x <= chart.plot_right
    assert chart.x_ticks[0] == (chart.plot_left, "0")
    negative = bar_chart([("A", Decimal("-2"), False), ("B", Decimal("3"), False)])
    a, b = negative.bars
    assert a.x + a.width == pytest.approx(negative.zero_x) and b.x == negative.zero_x
    assert negative.target_x is None
    assert any(label == "\u22122" for _x, label in negative.x_ticks)


# --- the pages ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_page_shows_table_chart_status_and_csv_link(client_for, municipality, measured) -> None:  # type: ignore[no-untyped-def]
    response = client_for(municipality, language="en").get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<option value="{measured.pk}" selected>Trivsel (%)</option>' in html
    assert '<optgroup label="Flere børn trives i skolen">' in html
    assert 'role="img"' in html and '<title id="bars-title">' in html and "<desc id=" in html
    assert 'class="mb-bar-target"' in html and "Target 90" in html
    assert "Nordby (2024)" in html  # the bar's label with the year of its figure
    assert '<th scope="col">2022</th>' in html and "Status now" in html
    assert "mb-goal-status-at_risk" in html and "Better than in 2023" in html
    assert "Worse than in 2022" in html
    assert f'href="{CSV_URL}?indicator={measured.pk}"' in html
    assert "Goals year by year" in html


@pytest.mark.django_db
def test_chosen_indicator_without_figures(client_for, municipality, measured, goal) -> None:  # type: ignore[no-untyped-def]
    empty = Indicator.objects.create(
        goal=goal,
        name="Fravær",
        unit="%",
        baseline_value=Decimal("8"),
        baseline_date=date(2020, 1, 1),
        target_value=Decimal("5"),
        target_date=date(2030, 1, 1),
        direction="lower",
    )
    response = client_for(municipality, language="en").get(URL, {"indicator": empty.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert "No figures have been measured yet." in html and 'role="img"' not in html


@pytest.mark.django_db
def test_csv_has_the_table_with_decimal_commas(client_for, municipality, measured) -> None:  # type: ignore[no-untyped-def]
    _m(measured, date(2025, 1, 1), "100", None)
    response = client_for(municipality, language="en").get(CSV_URL, {"indicator": measured.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response.content.startswith("\ufeff".encode())
    assert response.content.decode("utf-8-sig").splitlines() == [
        "Area;2022;2023;2024;2025;Status now;Change from the year before;Compared with the year",
        "Whole municipality;;83;84;100;On track;16;2024",
        "Nordby;;81;83;;At risk;2;2023",
        "Sydby;82;;79,5;;Off track;-2,5;2022",
    ]


@pytest.mark.django_db
def test_csv_without_choice_uses_the_default(client_for, municipality, measured) -> None:  # type: ignore[no-untyped-def]
    response = client_for(municipality, language="en").get(CSV_URL)
    assert response.status_code == 200
    assert "Nordby;;81;83;At risk;2;2023" in response.content.decode("utf-8-sig")


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "99999", "1.5", "", "-1"])
def test_bad_choice_is_400_with_a_message_in_the_form(
    client_for, municipality, measured, value
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(municipality, language="en")
    for url in (URL, CSV_URL):
        response = client.get(url, {"indicator": value})
        assert response.status_code == 400, url
        html = response.content.decode()
        message = "Choose an indicator." if value == "" else "Choose one of the indicators"
        assert message in html and 'class="form-error-message"' in html
        assert '<select name="indicator"' in html  # the form is there to choose again


@pytest.mark.django_db
def test_another_municipalitys_indicator_is_refused(
    client_for, municipality, other_municipality, measured
) -> None:  # type: ignore[no-untyped-def]
    theirs = Indicator.objects.create(
        goal=Goal.objects.create(municipality=other_municipality, title="Deres mål"),
        name="Deres",
        unit="%",
        baseline_value=Decimal("1"),
        baseline_date=date(2020, 1, 1),
        target_value=Decimal("2"),
        target_date=date(2030, 1, 1),
    )
    client = client_for(municipality, language="en")
    assert client.get(URL, {"indicator": theirs.pk}).status_code == 400
    assert client.get(CSV_URL, {"indicator": theirs.pk}).status_code == 400
    other = client_for(other_municipality, language="en")
    html = other.get(URL).content.decode()
    assert "Deres (%)" in html and "Trivsel" not in html


@pytest.mark.django_db
def test_empty_state_without_indicators(client_for, municipality, goal) -> None:  # type: ignore[no-untyped-def]
    client = client_for(municipality, language="en")
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is nothing to compare yet." in html and "<select" not in html
    assert client.get(CSV_URL).status_code == 404


@pytest.mark.django_db
def test_links_from_the_dashboard_and_the_goal_page(
    client_for, municipality, goal, measured
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(municipality, language="en")
    assert f'href="{URL}"' in client.get(reverse("goals:dashboard")).content.decode()
    html = client.get(reverse("goals:goal", args=[goal.pk])).content.decode()
    assert f'href="{URL}?indicator={measured.pk}"' in html


@pytest.mark.django_db
def test_page_is_public(client_for, municipality, resident, measured) -> None:  # type: ignore[no-untyped-def]
    assert client_for(municipality).get(URL).status_code == 200
    assert client_for(municipality, resident).get(URL).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("url", [URL, CSV_URL])
def test_query_count_does_not_depend_on_measurements(  # type: ignore[no-untyped-def]
    client_for, municipality, wellbeing, waiting, north, south, django_assert_num_queries, url
) -> None:
    client = client_for(municipality, language="en")

    def fill(n: int) -> None:
        Measurement.objects.all().delete()
        Measurement.objects.bulk_create(
            Measurement(
                indicator=wellbeing if k % 2 else waiting,
                area=[None, north, south][k % 3],
                date=date(2020, 1, 1) + timedelta(days=40 * k),
                value=Decimal(50 + k % 7),
            )
            for k in range(n)
        )

    fill(6)
    client.get(url)  # warm the session and any per-process caches
    with django_assert_num_queries(4):  # municipality, goals, indicators, measurements
        assert client.get(url, {"indicator": wellbeing.pk}).status_code == 200
    fill(120)
    with django_assert_num_queries(4):
        assert client.get(url, {"indicator": wellbeing.pk}).status_code == 200


# --- in the browser -------------------------------------------------------------------------


@pytest.fixture
def demo(transactional_db: Any) -> dict[str, Any]:
    load_goals(load_foundation())
    return {"climate": Indicator.objects.get(name="Udledning af drivhusgasser i alt")}


@pytest.mark.browser
@pytest.mark.parametrize("language", ["da", "sv"])
def test_compare_page_has_no_axe_violations(
    demo: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    pages = [
        (URL, 200),
        (f"{URL}?indicator={demo['climate'].pk}", 200),  # no areas: one bar
        (f"{URL}?indicator=abc", 400),
    ]
    tab = new_context(language, bypass_csp=True).new_page()
    failures: list[str] = []
    for width in [320, 1280]:
        tab.set_viewport_size({"width": width, "height": 900})
        for path, status in pages:
            where = f"{path} [{language}, {width}px]"
            response = tab.goto(path)
            assert response is not None and response.status == status, where
            assert tab.get_attribute("html", "lang") == language, where
            overflow = tab.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                failures.append(f"{where}: scrolls sideways by {overflow}px")
            violations = run_axe(tab)
            if violations:
                failures.append(format_violations(where, violations))
        tab.goto(URL)
        tab.select_option("#id_indicator", label="Gennemsnitlig ventetid på plejebolig (dage)")
        with tab.expect_navigation():
            tab.click("form.mb-goal-filter button[type=submit]")
        assert "Gennemsnitlig ventetid" in tab.inner_text("#compare-heading")
        assert tab.locator("svg.mb-bar-chart rect").count() == 5  # the whole municipality + 4
    assert not failures, "\n\n".join(failures)
