"""Staff type in one measurement: checked like an imported row (area, future date, digits,
source, duplicate, plausible range needing confirmation), with the typed values kept on every
refusal, 403 for residents, 404 across municipalities; and the UN SDG targets on a goal."""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from medborger.core.models import AuditEntry
from medborger.domain.sdg_targets import all_target_codes, parse_target, sort_key, target_codes
from medborger.goals import services
from medborger.goals.models import Goal, Indicator, Measurement, SdgTarget
from medborger.proposals.models import Sdg
from tests.factories import AreaFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)


def _add(indicator: Indicator, user, **kwargs):  # type: ignore[no-untyped-def]
    values = {"date": date(2025, 12, 31), "value": Decimal("85"), "source": "Trivselsmålingen"}
    values.update(kwargs)
    return services.measurement_add(indicator=indicator, user=user, now=NOW, **values)


def test_add_stores_value_source_and_who(wellbeing, officer, north) -> None:  # type: ignore[no-untyped-def]
    m = _add(wellbeing, officer, area=north)
    assert (m.value, m.source, m.entered_by, m.area) == (
        Decimal("85"),
        "Trivselsmålingen",
        officer,
        north,
    )
    entry = AuditEntry.objects.get(action="goals.add_measurement")
    assert entry.after["date"] == "2025-12-31" and entry.after["confirmed_outside_range"] is False


@pytest.mark.parametrize(
    ("kwargs", "field", "needs_confirmation"),
    [
        ({"date": date(2026, 3, 2)}, "date", False),
        ({"value": Decimal("0.0001")}, "value", False),
        ({"value": Decimal("1e12")}, "value", False),
        ({"source": "   "}, "source", False),
        ({"value": Decimal("140")}, "value", True),
        ({"value": Decimal("-1")}, "value", True),
    ],
)
def test_add_refuses_with_the_field_named(
    wellbeing, officer, kwargs, field, needs_confirmation
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(services.MeasurementRefused) as refused:
        _add(wellbeing, officer, **kwargs)
    assert refused.value.field == field
    assert refused.value.needs_confirmation is needs_confirmation
    assert not Measurement.objects.exists()


def test_confirmed_value_outside_the_range_is_stored(wellbeing, officer) -> None:  # type: ignore[no-untyped-def]
    m = _add(wellbeing, officer, value=Decimal("140"), confirm=True)
    assert m.value == Decimal("140")
    assert AuditEntry.objects.get(action="goals.add_measurement").after["confirmed_outside_range"]


def test_duplicate_and_foreign_area_refused(wellbeing, officer, other_municipality) -> None:  # type: ignore[no-untyped-def]
    _add(wellbeing, officer)
    with pytest.raises(services.MeasurementRefused) as refused:
        _add(wellbeing, officer, value=Decimal("86"))
    assert refused.value.field == "date"
    elsewhere = AreaFactory(municipality=other_municipality)
    with pytest.raises(services.MeasurementRefused) as refused:
        _add(wellbeing, officer, area=elsewhere, date=date(2025, 6, 30))
    assert refused.value.field == "area"
    assert Measurement.objects.count() == 1


def _url(indicator: Indicator) -> str:
    return reverse("goals:measurement_new", args=[indicator.pk])


def test_page_roles(
    client_for, municipality, other_municipality, resident, officer, wellbeing
) -> None:  # type: ignore[no-untyped-def]
    url = _url(wellbeing)
    assert client_for(municipality).get(url).status_code == 302  # to the login page
    assert client_for(municipality, resident).get(url).status_code == 403
    stranger = grant(UserFactory(), "case_officer", other_municipality)
    assert client_for(municipality, stranger).get(url).status_code == 403
    assert client_for(municipality, officer).get(url).status_code == 200
    # The indicator does not exist on another municipality's site.
    assert client_for(other_municipality, stranger).get(url).status_code == 404
    bad = reverse("goals:measurement_new", args=[999999])
    assert client_for(municipality, officer).get(bad).status_code == 404


def test_page_saves_and_goes_back_to_the_goal(
    client_for, municipality, officer, wellbeing, north
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(municipality, officer, language="da")
    with time_machine.travel(NOW):
        response = client.post(
            _url(wellbeing),
            {"area": north.pk, "date": "2025-12-31", "value": "85,5", "source": "Måling"},
        )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#indicator-{wellbeing.pk}")
    assert Measurement.objects.get().value == Decimal("85.5")


def test_page_keeps_the_typed_values_and_asks_for_confirmation(
    client_for, municipality, officer, wellbeing
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(municipality, officer, language="en")
    typed = {"date": "2025-12-31", "value": "140", "source": "Min egen optælling"}
    with time_machine.travel(NOW):
        response = client.post(_url(wellbeing), typed)
    assert response.status_code == 400
    html = response.content.decode()
    assert "outside the plausible range" in html and "tick the box" in html
    assert 'value="Min egen optælling"' in html and 'value="140"' in html
    assert not Measurement.objects.exists()
    with time_machine.travel(NOW):
        response = client.post(_url(wellbeing), {**typed, "confirm": "on"})
    assert response.status_code == 302
    assert Measurement.objects.get().value == Decimal("140")


@pytest.mark.parametrize(
    "typed",
    [
        {"date": "31/31/2025", "value": "85", "source": "x"},
        {"date": "2025-12-31", "value": "mange", "source": "x"},
        {"date": "2025-12-31", "value": "85", "source": ""},
        {"date": "2099-01-01", "value": "85", "source": "x"},
        {"date": "2025-12-31", "value": "85", "source": "x", "area": "999999"},
    ],
)
def test_page_bad_input_is_400_not_500(client_for, municipality, officer, wellbeing, typed) -> None:  # type: ignore[no-untyped-def]
    client = client_for(municipality, officer, language="en")
    with time_machine.travel(NOW):
        response = client.post(_url(wellbeing), typed)
    assert response.status_code == 400
    assert "The figure is not saved yet" in response.content.decode()
    assert not Measurement.objects.exists()


def test_goal_page_links_staff_to_the_form(
    client_for, municipality, officer, resident, wellbeing
) -> None:  # type: ignore[no-untyped-def]
    page = reverse("goals:goal", args=[wellbeing.goal.pk])
    assert _url(wellbeing) in client_for(municipality, officer).get(page).content.decode()
    assert _url(wellbeing) not in client_for(municipality, resident).get(page).content.decode()
    assert _url(wellbeing) not in client_for(municipality).get(page).content.decode()


# --- UN SDG targets ---


def test_the_169_targets_are_seeded_under_their_goals() -> None:
    assert len(all_target_codes()) == 169
    assert SdgTarget.objects.count() == 169
    assert list(SdgTarget.objects.values_list("code", flat=True)) == sorted(
        all_target_codes(), key=sort_key
    )
    assert SdgTarget.objects.get(code="11.6").sdg == Sdg.objects.get(number=11)
    assert target_codes(17)[-1] == "17.19" and target_codes(13)[-1] == "13.b"
    assert parse_target("4.a") == (4, "a") and parse_target("4.8") is None
    assert parse_target("18.1") is None and parse_target("x") is None


def test_goal_page_lists_targets_under_their_goal(client_for, municipality, goal) -> None:  # type: ignore[no-untyped-def]
    goal.sdgs.set(Sdg.objects.filter(number=4))
    goal.sdg_targets.set(SdgTarget.objects.filter(code__in=["4.1", "11.6"]))
    html = client_for(municipality, language="en").get(goal.get_absolute_url()).content.decode()
    assert "Quality education" in html and "Sustainable cities" in html  # 11 implied by 11.6
    assert 'href="https://sdgs.un.org/goals/goal4#targets_and_indicators"' in html
    assert ">4.1<" in html and ">11.6<" in html
    assert html.index("Quality education") < html.index("Sustainable cities")


def test_goal_without_sdgs_shows_none(client_for, municipality) -> None:  # type: ignore[no-untyped-def]
    goal = Goal.objects.create(municipality=municipality, title="Renere havn")
    html = client_for(municipality, language="en").get(goal.get_absolute_url()).content.decode()
    assert "UN sustainable development goals" not in html
