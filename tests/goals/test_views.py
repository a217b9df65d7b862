"""Goal pages: public dashboard with status, accessible SVG charts with data tables, CSV,
the printable page, the staff import; 404 across municipalities, 403 for the wrong role,
and a dashboard query count that does not grow with the number of measurements."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from medborger.goals.models import CarbonActual, CarbonBudget, CarbonBudgetLine, Measurement
from tests.factories import UserFactory, grant
from tests.goals.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def test_dashboard_shows_status_chart_and_table(client_for, municipality, wellbeing, north) -> None:  # type: ignore[no-untyped-def]
    Measurement.objects.create(indicator=wellbeing, date=date(2025, 1, 1), value=85)
    Measurement.objects.create(indicator=wellbeing, area=north, date=date(2025, 1, 1), value=81)
    response = client_for(municipality, language="en").get(reverse("goals:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Flere børn trives i skolen" in html
    assert "mb-goal-status-on_track" in html and "On track" in html
    assert 'role="img"' in html and "<title id=" in html and "<desc id=" in html
    assert "<caption>" in html and "Nordby" in html
    assert reverse("goals:indicator_csv", args=[wellbeing.pk]) in html


def test_area_filter_uses_the_area_series(client_for, municipality, wellbeing, north) -> None:  # type: ignore[no-untyped-def]
    Measurement.objects.create(indicator=wellbeing, date=date(2025, 1, 1), value=85)
    Measurement.objects.create(indicator=wellbeing, area=north, date=date(2025, 1, 1), value=79)
    client = client_for(municipality, language="en")
    html = client.get(reverse("goals:dashboard"), {"area": north.pk}).content.decode()
    assert "mb-goal-status-off_track" in html


def test_bad_filter_is_400_not_500(client_for, municipality, other_municipality, goal) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import AreaFactory

    elsewhere = AreaFactory(municipality=other_municipality)
    client = client_for(municipality, language="en")
    assert client.get(reverse("goals:dashboard"), {"area": elsewhere.pk}).status_code == 400
    assert client.get(reverse("goals:dashboard"), {"committee": "x"}).status_code == 400


def test_dashboard_query_count_does_not_depend_on_measurements(  # type: ignore[no-untyped-def]
    client_for, municipality, wellbeing, waiting, north, south
) -> None:
    client = client_for(municipality, language="en")

    def add(n: int) -> None:
        Measurement.objects.all().delete()
        rows = []
        for k in range(n):
            indicator = wellbeing if k % 2 else waiting
            area = [None, north, south][k % 3]
            rows.append(
                Measurement(
                    indicator=indicator,
                    area=area,
                    date=date(2020, 1, 1) + timedelta(days=k),
                    value=50,
                )
            )
        Measurement.objects.bulk_create(rows)

    add(10)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("goals:dashboard")).status_code == 200
    add(200)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("goals:dashboard")).status_code == 200
    assert len(few) == len(many)


def test_goal_page_and_other_municipality(
    client_for, municipality, other_municipality, goal, wellbeing
) -> None:  # type: ignore[no-untyped-def]
    Measurement.objects.create(indicator=wellbeing, date=date(2025, 1, 1), value=81)
    response = client_for(municipality, language="en").get(reverse("goals:goal", args=[goal.pk]))
    assert response.status_code == 200
    assert "Trivsel" in response.content.decode()
    other = client_for(other_municipality, language="en")
    assert other.get(reverse("goals:goal", args=[goal.pk])).status_code == 404
    assert other.get(reverse("goals:indicator_csv", args=[wellbeing.pk])).status_code == 404


def test_csv_download_uses_the_import_columns(client_for, municipality, wellbeing, north) -> None:  # type: ignore[no-untyped-def]
    Measurement.objects.create(
        indicator=wellbeing,
        area=north,
        date=date(2025, 1, 1),
        value=Decimal("81.5"),
        source="Måling",
    )
    response = client_for(municipality).get(reverse("goals:indicator_csv", args=[wellbeing.pk]))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.splitlines() == [
        "indicator;area;date;value;source;unit",
        "Trivsel;Nordby;2025-01-01;81,5;Måling;%",
    ]


def test_csv_download_writes_round_numbers_without_exponents(
    client_for, municipality, wellbeing
) -> None:  # type: ignore[no-untyped-def]
    Measurement.objects.create(indicator=wellbeing, date=date(2025, 1, 1), value=Decimal("100"))
    Measurement.objects.create(indicator=wellbeing, date=date(2026, 1, 1), value=Decimal("150000"))
    response = client_for(municipality).get(reverse("goals:indicator_csv", args=[wellbeing.pk]))
    values = [line.split(";")[3] for line in response.content.decode("utf-8-sig").splitlines()]
    assert values[1:] == ["100", "150000"]


def test_promises_page_is_printable(client_for, municipality, wellbeing) -> None:  # type: ignore[no-untyped-def]
    response = client_for(municipality, language="en").get(reverse("goals:promises"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "goals/goals.css" in html and "Trivsel: from 80 % (2020) to 90 % by 2030." in html


def test_carbon_budget_page(client_for, municipality, other_municipality) -> None:  # type: ignore[no-untyped-def]
    budget = CarbonBudget.objects.create(
        municipality=municipality, title="CO2-budget 2020-2030", start_year=2020, end_year=2030
    )
    for year in range(2020, 2031):
        CarbonBudgetLine.objects.create(budget=budget, sector="transport", year=year, tonnes=100)
    for year, tonnes in [(2020, 110), (2021, 105), (2022, 100)]:
        CarbonActual.objects.create(budget=budget, sector="transport", year=year, tonnes=tonnes)
    response = client_for(municipality, language="en").get(
        reverse("goals:carbon", args=[budget.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "1,100 tonnes CO2e" in html or "1.100 tonnes CO2e" in html
    assert "785 tonnes" in html
    assert (
        client_for(other_municipality).get(reverse("goals:carbon", args=[budget.pk])).status_code
        == 404
    )


def test_import_page_roles(client_for, municipality, resident, officer) -> None:  # type: ignore[no-untyped-def]
    url = reverse("goals:import")
    assert client_for(municipality).get(url).status_code == 302
    assert client_for(municipality, resident).get(url).status_code == 403
    assert (
        client_for(municipality, grant(UserFactory(), "moderator", municipality))
        .get(url)
        .status_code
        == 403
    )
    assert client_for(municipality, officer).get(url).status_code == 200


def upload(client, content: bytes, name: str = "data.csv", confirm: bool = False):  # type: ignore[no-untyped-def]
    data = {"file": SimpleUploadedFile(name, content)}
    if confirm:
        data["confirm"] = "on"
    return client.post(reverse("goals:import"), data)


def test_import_page_lists_every_problem_and_imports_nothing(
    client_for, municipality, officer, wellbeing
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(municipality, officer, language="en")
    response = upload(
        client,
        csv_bytes(
            "indicator;area;date;value;source",
            "Trivsel;;2024-01-01;81;x",
            "Trivsel;Ingen;2024-01-02;81;x",
            "Trivsel;;2024-01-03;syv;x",
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "<td>3</td>" in html and "Ingen" in html
    assert "<td>4</td>" in html and "syv" in html
    assert not Measurement.objects.exists()


def test_import_page_confirmation_and_success(client_for, municipality, officer, wellbeing) -> None:  # type: ignore[no-untyped-def]
    client = client_for(municipality, officer, language="en")
    content = csv_bytes("indicator;area;date;value;source", "Trivsel;;2024-01-01;120;x")
    response = upload(client, content)
    assert response.status_code == 400
    assert "tick the box" in response.content.decode()
    response = upload(client, content, confirm=True)
    assert response.status_code == 200
    assert "1 measurement was imported" in response.content.decode()
    assert Measurement.objects.get().entered_by == officer


def test_import_page_refuses_unreadable_and_missing_files(
    client_for, municipality, officer
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(municipality, officer, language="en")
    assert upload(client, b"PK\x03\x04garbage", name="data.xlsx").status_code == 400
    assert upload(client, b"%PDF", name="data.pdf").status_code == 400
    assert client.post(reverse("goals:import"), {}).status_code == 400
