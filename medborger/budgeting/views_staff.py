"""Staff pages for participatory budgets: the review of ideas (feasible or not with a public
reason, merging duplicates), paper ballots typed in by one person and confirmed by another, and
replaying a past election from a pabulib .pb file."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medborger.accounts.models import User
from medborger.budgeting import ideas, replay, selectors, services
from medborger.budgeting.forms import MergeForm, PaperBallotForm, ReplayForm, ReviewForm
from medborger.budgeting.models import BudgetProcess, BudgetProject, PaperBallotSheet
from medborger.budgeting.views import _ballot_context, _process, _raw_choice
from medborger.core.permissions import permission


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _project(request: HttpRequest, pk: int) -> BudgetProject:
    project = selectors.project_detail(municipality=getattr(request, "municipality", None), pk=pk)
    if project is None:
        raise Http404
    return project


def _sheet(request: HttpRequest, pk: int) -> PaperBallotSheet:
    sheet = (
        PaperBallotSheet.objects.filter(pk=pk, process__municipality=request.municipality)  # type: ignore[attr-defined]
        .select_related("process__municipality", "entered_by")
        .first()
    )
    if sheet is None:
        raise Http404
    return sheet


@permission("budgeting.staff")
@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    processes = selectors.staff_processes(municipality=request.municipality)  # type: ignore[attr-defined]
    now = timezone.now()
    return render(
        request,
        "budgeting/staff/home.html",
        {"rows": [{"process": p, "phase": p.phase(now)} for p in processes]},
    )


# --- the review ---------------------------------------------------------------------------------


def _review_context(process: BudgetProcess, **forms: Any) -> dict[str, Any]:
    country = process.municipality.country
    rows = []
    for project in selectors.review_queue(process):
        rows.append(
            {
                "project": project,
                "cost": services.kroner(project.cost, country),
                "cap": services.kroner(ideas.cost_cap(process, project.pool), country),
                "review_form": forms.get(f"review-{project.pk}")
                or ReviewForm(
                    prefix=f"r{project.pk}",
                    initial={"cost": project.cost, "reason": project.review_reason},
                ),
                "merge_form": forms.get(f"merge-{project.pk}")
                or MergeForm(prefix=f"m{project.pk}", project=project),
            }
        )
    return {"process": process, "rows": rows, "locked": timezone.now() >= process.voting_opens}


@permission("budgeting.review", obj=_process)
@require_GET
def staff_review(request: HttpRequest, pk: int) -> HttpResponse:
    process: BudgetProcess = request.permission_object  # type: ignore[attr-defined]
    return render(request, "budgeting/staff/review.html", _review_context(process))


@permission("budgeting.review", obj=_project)
@require_POST
def staff_review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    project: BudgetProject = request.permission_object  # type: ignore[attr-defined]
    form = ReviewForm(request.POST, prefix=f"r{project.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            ideas.idea_review(
                project_id=project.pk,
                staff=_user(request),
                feasible=data["decision"] == "feasible",
                reason=data["reason"],
                cost=data.get("cost"),
                now=timezone.now(),
            )
        except services.BudgetError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The review is saved. The reason is public."))
            return redirect("budgeting:staff_review", pk=project.process_id)
    return render(
        request,
        "budgeting/staff/review.html",
        _review_context(project.process, **{f"review-{project.pk}": form}),
        status=400,
    )


@permission("budgeting.review", obj=_project)
@require_POST
def staff_review_merge(request: HttpRequest, pk: int) -> HttpResponse:
    project: BudgetProject = request.permission_object  # type: ignore[attr-defined]
    form = MergeForm(request.POST, prefix=f"m{project.pk}", project=project)
    if form.is_valid():
        try:
            ideas.idea_merge(
                project_id=project.pk,
                into_id=form.cleaned_data["into"].pk,
                staff=_user(request),
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except services.BudgetError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The ideas are merged. The author is told why."))
            return redirect("budgeting:staff_review", pk=project.process_id)
    return render(
        request,
        "budgeting/staff/review.html",
        _review_context(project.process, **{f"merge-{project.pk}": form}),
        status=400,
    )


# --- paper ballots ------------------------------------------------------------------------------


def _paper_context(
    request: HttpRequest, process: BudgetProcess, form: PaperBallotForm, **extra: Any
) -> dict[str, Any]:
    titles = {str(p.pk): p.title for p in selectors.ballot_projects(process)}
    context = _ballot_context(request, process, **extra)
    context.update(
        {
            "form": form,
            "sheets": [
                {
                    "sheet": sheet,
                    "choices": [
                        (titles.get(pid, pid), points) for pid, points in sheet.choice.items()
                    ],
                    "own": sheet.entered_by_id == request.user.pk,
                }
                for sheet in selectors.pending_sheets(process)
            ],
        }
    )
    return context


@permission("budgeting.enter_paper", obj=_process)
@require_http_methods(["GET", "POST"])
def staff_paper(request: HttpRequest, pk: int) -> HttpResponse:
    process: BudgetProcess = request.permission_object  # type: ignore[attr-defined]
    if request.method == "GET":
        return render(
            request,
            "budgeting/staff/paper.html",
            _paper_context(request, process, PaperBallotForm()),
        )
    form = PaperBallotForm(request.POST)
    raw = _raw_choice(request, process, selectors.ballot_projects(process))
    if form.is_valid():
        try:
            services.paper_sheet_enter(
                process_id=process.pk,
                staff=_user(request),
                name=form.cleaned_data["name"],
                birth_date=form.cleaned_data["birth_date"],
                choice=raw,
                now=timezone.now(),
            )
        except services.BudgetError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The paper ballot is typed in. Another staff member must now confirm it."),
            )
            return redirect("budgeting:staff_paper", pk=process.pk)
    return render(
        request,
        "budgeting/staff/paper.html",
        _paper_context(request, process, form, raw=raw),
        status=400,
    )


@permission("budgeting.confirm_paper", obj=_sheet)
@require_POST
def staff_paper_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    sheet: PaperBallotSheet = request.permission_object  # type: ignore[attr-defined]
    try:
        services.paper_sheet_confirm(sheet_id=sheet.pk, staff=_user(request), now=timezone.now())
    except services.BudgetError as error:
        context = _paper_context(request, sheet.process, PaperBallotForm(), vote_error=str(error))
        return render(request, "budgeting/staff/paper.html", context, status=400)
    messages.success(request, _("The paper ballot is confirmed and counted."))
    return redirect("budgeting:staff_paper", pk=sheet.process_id)


# --- replay -------------------------------------------------------------------------------------


@permission("budgeting.replay")
@require_http_methods(["GET", "POST"])
def staff_replay(request: HttpRequest) -> HttpResponse:
    """Count a past election from a .pb file by any rule; nothing is stored."""
    form = ReplayForm(request.POST or None, request.FILES or None)
    outcome = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = replay.replay(form.cleaned_data["file"].read(), form.cleaned_data["rule"])
        except services.BudgetError as error:
            form.add_error("file", str(error))
    status = 400 if form.errors else 200
    return render(
        request,
        "budgeting/staff/replay.html",
        {"form": form, "outcome": outcome, "country": request.municipality.country},  # type: ignore[attr-defined]
        status=status,
    )
