"""Goal pages: the public dashboard, a goal, the carbon budget, the printable "what we
promised" page, CSV downloads, and the staff import of measurements. Views parse input, call a
selector or a service, and render."""

from __future__ import annotations

import csv
from typing import Any, cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from medborger.accounts.models import User
from medborger.core.permissions import permission
from medborger.domain.goals import worst_status
from medborger.goals import selectors, services
from medborger.goals.forms import DashboardFilterForm, ImportForm
from medborger.goals.models import CarbonBudget, Goal, Indicator
from medborger.goals.services import REQUIRED_COLUMNS


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _goal(request: HttpRequest, pk: int) -> Goal:
    goal = selectors.goal_detail(municipality=_municipality(request), pk=pk)
    if goal is None:
        raise Http404
    return goal


def _indicator(request: HttpRequest, pk: int) -> Indicator:
    indicator = selectors.indicator_for_csv(municipality=_municipality(request), pk=pk)
    if indicator is None:
        raise Http404
    return indicator


def _budget(request: HttpRequest, pk: int) -> CarbonBudget:
    budget = selectors.carbon_detail(municipality=_municipality(request), pk=pk)
    if budget is None:
        raise Http404
    return budget


@permission("goals.view")
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    form = DashboardFilterForm(request.GET or None, municipality=municipality)
    committee = area = None
    if form.is_bound and form.is_valid():
        committee = form.cleaned_data["committee"]
        area = form.cleaned_data["area"]
    goals = (
        selectors.dashboard(municipality=municipality, committee=committee, area=area)
        if not form.errors
        else []
    )
    budgets = [
        selectors.carbon_view(b) for b in selectors.carbon_budgets(municipality=municipality)
    ]
    return render(
        request,
        "goals/dashboard.html",
        {
            "form": form,
            "goals": goals,
            "area": area,
            "committee": committee,
            "budgets": budgets if not form.errors else [],
        },
        status=400 if form.errors else 200,
    )


@permission("goals.view", obj=_goal)
@require_GET
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal: Goal = request.permission_object  # type: ignore[attr-defined]
    indicators = [selectors.indicator_view(i) for i in goal.indicators.all()]
    budgets = [
        selectors.carbon_view(b) for b in goal.carbon_budgets.prefetch_related("lines", "actuals")
    ]
    return render(
        request,
        "goals/goal.html",
        {
            "goal": goal,
            "indicators": indicators,
            "status": worst_status(i.status for i in indicators),
            "budgets": budgets,
            "sdg_groups": selectors.sdg_groups(goal),
            "can_add_measurement": request.user.has_perm("goals.add_measurement", goal),
        },
    )


@permission("goals.view", obj=_budget)
@require_GET
def carbon_budget(request: HttpRequest, pk: int) -> HttpResponse:
    budget: CarbonBudget = request.permission_object  # type: ignore[attr-defined]
    return render(request, "goals/carbon.html", {"view": selectors.carbon_view(budget)})


@permission("goals.view")
@require_GET
def promises(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    goals = selectors.dashboard(municipality=municipality, with_charts=False)
    return render(request, "goals/promises.html", {"goals": goals})


@permission("goals.view", obj=_indicator)
@require_GET
def indicator_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The indicator's measurements in the same columns the import reads."""
    indicator: Indicator = request.permission_object  # type: ignore[attr-defined]
    name = slugify(indicator.name) or "indikator"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow([*REQUIRED_COLUMNS, "unit"])
    for m in indicator.measurements.all():
        writer.writerow(
            [
                indicator.name,
                m.area.name if m.area else "",
                m.date.isoformat(),
                format(m.value.normalize(), "f").replace(".", ","),
                m.source,
                indicator.unit,
            ]
        )
    return response


@permission("goals.import_measurements")
@require_http_methods(["GET", "POST"])
def import_measurements(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    report: services.ImportReport | None = None
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.import_measurements(
                    municipality=municipality,
                    user=cast(User, request.user),
                    name=upload.name or "",
                    content=upload.read(),
                    confirm=form.cleaned_data["confirm"],
                )
            except services.ImportFileError as error:
                form.add_error("file", str(error))
        if form.errors or (report is not None and not report.ok):
            status = 400
    return render(
        request,
        "goals/import.html",
        {"form": form, "report": report, "columns": REQUIRED_COLUMNS},
        status=status,
    )
