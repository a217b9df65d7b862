"""Effort pages: the list of efforts and holistic plans of a municipality (filtered by area and
target group) and an effort's or plan's page with its financing, warnings and who does what.
Staff edit efforts in the Django admin."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from medborger.core.permissions import permission
from medborger.efforts import selectors
from medborger.efforts.forms import FilterForm
from medborger.efforts.models import Effort, TargetGroup


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


@require_GET
@permission("efforts.view")
def effort_list(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    form = FilterForm(
        request.GET or None,
        areas=municipality.areas.order_by("name"),
        target_groups=TargetGroup.objects.filter(municipality=municipality),
    )
    valid = form.is_bound and form.is_valid()
    area = form.cleaned_data.get("omraade") if valid else None
    target_group = form.cleaned_data.get("maalgruppe") if valid else None
    rows = selectors.effort_rows(municipality=municipality, area=area, target_group=target_group)
    return render(
        request,
        "efforts/list.html",
        {
            "form": form,
            "plans": [r for r in rows if r.effort.kind == Effort.Kind.PLAN],
            "efforts": [r for r in rows if r.effort.kind == Effort.Kind.EFFORT],
            "filtered": bool(area or target_group),
        },
        status=400 if form.is_bound and not valid else 200,
    )


@require_GET
@permission("efforts.view")
def effort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    effort = selectors.effort_detail(municipality=_municipality(request), pk=pk)
    if effort is None:
        raise Http404
    financing = selectors.financing_of(effort)
    overlaps = selectors.overlaps_of(effort)
    return render(
        request,
        "efforts/detail.html",
        {
            "effort": effort,
            "financing": financing,
            "warnings": selectors.warnings_of(effort, financing, overlaps),
            "children": list(effort.children.all()),
            "goals": selectors.goal_links(effort),
        },
    )
