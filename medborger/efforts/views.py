"""Effort pages: the list of efforts and holistic plans of a municipality (filtered by area and
target group) and an effort's or plan's page with its financing, warnings and who does what.
Staff edit efforts in the Django admin.

The staff page for what serves a goal: the goals a funded budget project or an adopted proposal
serves, where staff add one (a goal and how) or remove one (after a confirmation page)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from medborger.core.permissions import permission
from medborger.efforts import selectors, services
from medborger.efforts.forms import ContributionForm, FilterForm
from medborger.efforts.models import Effort, GoalContribution, TargetGroup


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


# --- what a budget project or a proposal serves (staff) ------------------------------------------

# Refusals that are about the state of things, not the input: 409 Conflict.
CONFLICTS = {"duplicate", "not_eligible", "gone"}


def _target(request: HttpRequest, kind: str, pk: int, **_kwargs: Any) -> selectors.Target:
    """The municipality's budget project or proposal; 404 for an unknown kind or another
    municipality's object."""
    target = selectors.contribution_target(
        municipality=getattr(request, "municipality", None), kind=kind, pk=pk
    )
    if target is None:
        raise Http404
    return target


def _contributions_page(
    request: HttpRequest,
    target: selectors.Target,
    form: ContributionForm | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    goals = selectors.goals_choosable(municipality=target.municipality)
    return render(
        request,
        "efforts/contributions.html",
        {
            "target": target,
            "contributions": selectors.goals_declared(target.obj),
            "refusal": selectors.contribution_refusal(target.obj),
            "form": form or ContributionForm(goals=goals),
            "has_goals": goals.exists(),
        },
        status=status,
    )


@permission("efforts.declare_contribution", obj=_target)
@require_http_methods(["GET", "POST"])
def contributions(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    target: selectors.Target = request.permission_object  # type: ignore[attr-defined]
    if request.method != "POST":
        return _contributions_page(request, target)
    form = ContributionForm(
        request.POST, goals=selectors.goals_choosable(municipality=target.municipality)
    )
    if not form.is_valid():
        return _contributions_page(request, target, form, status=400)
    try:
        services.contribution_add(
            actor=request.user,
            goal=form.cleaned_data["goal"],
            target=target.obj,
            how=form.cleaned_data["how"],
            now=timezone.now(),
        )
    except services.EffortError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        status = 409 if error.code in CONFLICTS else 400
        return _contributions_page(request, target, form, status=status)
    messages.success(
        request,
        _("“%(target)s” now serves “%(goal)s”.")
        % {"target": target.title, "goal": form.cleaned_data["goal"].title},
    )
    return redirect("efforts:contributions", kind=kind, pk=pk)


@permission("efforts.declare_contribution", obj=_target)
@require_http_methods(["GET", "POST"])
def contribution_remove(request: HttpRequest, kind: str, pk: int, item: int) -> HttpResponse:
    target: selectors.Target = request.permission_object  # type: ignore[attr-defined]
    contribution: GoalContribution | None = next(
        (c for c in selectors.goals_declared(target.obj) if c.pk == item), None
    )
    if contribution is None:
        raise Http404
    if request.method == "POST":
        try:
            services.contribution_remove(
                actor=request.user, contribution_id=contribution.pk, now=timezone.now()
            )
        except services.EffortError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("“%(target)s” no longer serves “%(goal)s”.")
                % {"target": target.title, "goal": contribution.goal.title},
            )
        return redirect("efforts:contributions", kind=kind, pk=pk)
    return render(
        request,
        "efforts/contribution_remove.html",
        {"target": target, "contribution": contribution},
    )
