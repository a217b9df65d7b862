"""Staff pages for goals: typing in one measurement for an indicator. (The import of a whole
file is in views.py.)"""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from medborger.accounts.models import User
from medborger.core.permissions import permission
from medborger.goals import selectors, services
from medborger.goals.forms import MeasurementForm
from medborger.goals.models import Indicator


def _indicator(request: HttpRequest, pk: int) -> Indicator:
    municipality = getattr(request, "municipality", None)
    indicator = (
        selectors.indicator_for_csv(municipality=municipality, pk=pk) if municipality else None
    )
    if indicator is None:
        raise Http404
    return indicator


@permission("goals.add_measurement", obj=_indicator)
@require_http_methods(["GET", "POST"])
def measurement_new(request: HttpRequest, pk: int) -> HttpResponse:
    indicator: Indicator = request.permission_object  # type: ignore[attr-defined]
    municipality = indicator.goal.municipality
    form = MeasurementForm(
        request.POST if request.method == "POST" else None, municipality=municipality
    )
    needs_confirmation = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.measurement_add(
                indicator=indicator,
                user=cast(User, request.user),
                area=data["area"],
                date=data["date"],
                value=data["value"],
                source=data["source"],
                confirm=data["confirm"],
            )
        except services.MeasurementRefused as refusal:
            form.add_error(refusal.field, refusal.message)
            needs_confirmation = refusal.needs_confirmation
        else:
            messages.success(request, _("The measurement is saved."))
            return redirect(f"{indicator.goal.get_absolute_url()}#indicator-{indicator.pk}")
    view = selectors.indicator_view(indicator, with_chart=False)
    return render(
        request,
        "goals/measurement_new.html",
        {
            "indicator": indicator,
            "form": form,
            "latest": view.latest,
            "needs_confirmation": needs_confirmation,
        },
        status=400 if form.errors else 200,
    )
