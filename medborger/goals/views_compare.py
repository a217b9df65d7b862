"""The comparison of areas and years (/maal/sammenlign/) and its CSV download. Public, like the
dashboard. Views parse the choice of indicator and render what medborger.goals.compare builds."""

from __future__ import annotations

import csv
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from medborger.core.permissions import permission
from medborger.goals import compare as comparisons
from medborger.goals.forms_compare import CompareForm
from medborger.goals.models import Goal, Indicator
from medborger.goals.texts import status_label


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _choose(request: HttpRequest, goals: list[Goal]) -> tuple[CompareForm, Indicator | None]:
    """The form and the chosen indicator: the one asked for, or the default when none is asked
    for; None when the choice is bad or there is nothing to choose."""
    if "indicator" in request.GET:
        form = CompareForm(request.GET, goals=goals)
        return form, form.cleaned_data["indicator"] if form.is_valid() else None
    chosen = comparisons.default_indicator(goals)
    initial = {"indicator": str(chosen.pk)} if chosen else {}
    return CompareForm(initial=initial, goals=goals), chosen


def _page(
    request: HttpRequest, form: CompareForm, goals: list[Goal], chosen: Indicator | None
) -> HttpResponse:
    return render(
        request,
        "goals/compare.html",
        {
            "form": form,
            "has_indicators": bool(comparisons.indicators_of(goals)),
            "comparison": comparisons.indicator_comparison(chosen) if chosen else None,
            "goal_years": comparisons.goal_years(goals),
        },
        status=400 if form.errors else 200,
    )


@permission("goals.view")
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    goals = comparisons.goals_for_comparison(municipality=_municipality(request))
    form, chosen = _choose(request, goals)
    return _page(request, form, goals, chosen)


def _number(value: Decimal | None) -> str:
    """A decimal comma and no exponent (100, not 1E+2); empty when there is no figure."""
    if value is None:
        return ""
    return format(value.normalize(), "f").replace(".", ",")


@permission("goals.view")
@require_GET
def compare_csv(request: HttpRequest) -> HttpResponse:
    """The areas × years table of one indicator: semicolons, UTF-8 with a BOM, decimal comma."""
    goals = comparisons.goals_for_comparison(municipality=_municipality(request))
    form, chosen = _choose(request, goals)
    if form.errors:
        return _page(request, form, goals, None)  # 400 with the message in the form
    if chosen is None:
        raise Http404
    comparison = comparisons.indicator_comparison(chosen)
    name = slugify(f"{chosen.name} {_('areas and years')}") or "sammenligning"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Area"),
            *[str(year) for year in comparison.years],
            _("Status now"),
            _("Change from the year before"),
            _("Compared with the year"),
        ]
    )
    for row in comparison.rows:
        writer.writerow(
            [
                row.label,
                *[_number(value) for value in row.cells],
                status_label(row.status),
                _number(row.change),
                row.change_since or "",
            ]
        )
    return response
