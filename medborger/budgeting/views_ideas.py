"""Ideas for a participatory budget: the list, sending one in, a project's own page with the
review's reason, and the author's answer."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medborger.accounts.models import User
from medborger.budgeting import ideas, selectors, services
from medborger.budgeting.forms import IdeaForm, ReplyForm
from medborger.budgeting.models import BudgetProcess, BudgetProject
from medborger.budgeting.views import _process
from medborger.core.permissions import permission


def _project(request: HttpRequest, pk: int) -> BudgetProject:
    """A project of this municipality; 404 for another municipality's project."""
    project = selectors.project_detail(municipality=getattr(request, "municipality", None), pk=pk)
    if project is None:
        raise Http404
    return project


@permission("budgeting.view", obj=_process)
@require_GET
def idea_list(request: HttpRequest, pk: int) -> HttpResponse:
    process: BudgetProcess = request.permission_object  # type: ignore[attr-defined]
    now = timezone.now()
    return render(
        request,
        "budgeting/ideas.html",
        {
            "process": process,
            "phase": process.phase(now),
            "groups": selectors.ideas_by_status(process),
            "several_pools": len(process.pools.all()) > 1,
            "refusal": ideas.idea_refusal(user=request.user, process=process, now=now),
        },
    )


@permission("budgeting.propose", obj=_process)
@require_http_methods(["GET", "POST"])
def idea_create(request: HttpRequest, pk: int) -> HttpResponse:
    process: BudgetProcess = request.permission_object  # type: ignore[attr-defined]
    now = timezone.now()
    refusal = ideas.idea_refusal(user=request.user, process=process, now=now)
    organisations = ideas.organisations_for(request.user, process)
    form = IdeaForm(
        request.POST if request.method == "POST" else None,
        process=process,
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = ideas.idea_submit(
                process_id=process.pk,
                user=cast(User, request.user),
                title=data["title"],
                description=data["description"],
                pool_id=data["pool"].pk,
                estimated_cost=data["estimated_cost"],
                area_id=data["area"].pk if data.get("area") else None,
                location=data.get("location", ""),
                organisation_id=data["organisation"].pk if data.get("organisation") else None,
                now=now,
            )
        except services.BudgetError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Thank you. Your idea is sent in. The municipality will review it.")
            )
            return redirect("budgeting:idea", pk=project.pk)
    status = 400 if form.errors or (request.method == "POST" and refusal) else 200
    return render(
        request,
        "budgeting/idea_form.html",
        {"process": process, "form": form, "refusal": refusal},
        status=status,
    )


def _idea_context(request: HttpRequest, project: BudgetProject, **extra: Any) -> dict[str, Any]:
    now = timezone.now()
    is_author = request.user.is_authenticated and project.author_id == request.user.pk
    context = {
        "project": project,
        "process": project.process,
        "cost": services.kroner(project.cost, project.process.municipality.country),
        "estimated_cost": services.kroner(
            project.estimated_cost, project.process.municipality.country
        )
        if project.estimated_cost
        else "",
        "merged_ideas": list(project.merged_ideas.all()),
        "can_reply": is_author
        and project.reviewed_at is not None
        and now < project.process.voting_opens,
        "reply_form": ReplyForm(initial={"reply": project.author_reply}),
    }
    context.update(extra)
    return context


@permission("budgeting.view", obj=_project)
@require_GET
def idea_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project: BudgetProject = request.permission_object  # type: ignore[attr-defined]
    return render(request, "budgeting/idea.html", _idea_context(request, project))


@permission("budgeting.reply", obj=_project)
@require_POST
def idea_reply(request: HttpRequest, pk: int) -> HttpResponse:
    project: BudgetProject = request.permission_object  # type: ignore[attr-defined]
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            ideas.idea_reply(
                project_id=project.pk,
                user=cast(User, request.user),
                text=form.cleaned_data["reply"],
                now=timezone.now(),
            )
        except services.BudgetError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your answer is published."))
            return redirect("budgeting:idea", pk=project.pk)
    context = _idea_context(request, project, reply_form=form)
    context["can_reply"] = True
    return render(request, "budgeting/idea.html", context, status=400)
