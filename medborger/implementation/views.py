"""Implementation pages: the public list and progress page of funded projects, and the staff
dashboard and project page where case officers keep the record.

Staff forms are plain posts that work without JavaScript. A refusal re-renders the project page
with status 400, the service's sentence next to the form, and what was typed still in it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from medborger.budgeting.models import BudgetProject
from medborger.core.permissions import permission
from medborger.implementation import selectors, services
from medborger.implementation.forms import (
    MilestoneForm,
    SettingsForm,
    SpendForm,
    StatusForm,
    UpdateForm,
)
from medborger.implementation.models import Delivery


@dataclass(frozen=True)
class FundedProject:
    """What the permission rules are checked against: a funded project and its municipality."""

    municipality: Any
    project: BudgetProject

    @property
    def delivery(self) -> Delivery | None:
        return getattr(self.project, "delivery", None)


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _funded(request: HttpRequest, pk: int, **_kwargs: Any) -> FundedProject:
    """A funded project of this municipality; 404 for another municipality's or an unfunded one."""
    municipality = _municipality(request)
    project = selectors.funded_project(municipality=municipality, pk=pk)
    if project is None:
        raise Http404
    return FundedProject(municipality=municipality, project=project)


def _target(request: HttpRequest) -> FundedProject:
    return request.permission_object  # type: ignore[attr-defined, no-any-return]


# --- public pages -------------------------------------------------------------------------------


@permission("implementation.view_list")
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.public_rows(municipality=_municipality(request), today=timezone.localdate())
    return render(request, "implementation/list.html", {"rows": rows})


@permission("implementation.view", obj=_funded)
@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = _target(request)
    page = selectors.project_page(
        municipality=target.municipality,
        pk=pk,
        today=timezone.localdate(),
        project=target.project,
    )
    assert page is not None
    return render(request, "implementation/detail.html", {"page": page, "p": page.summary})


# --- staff --------------------------------------------------------------------------------------


@permission("implementation.staff")
@require_GET
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    rows = selectors.dashboard_rows(municipality=_municipality(request), today=timezone.localdate())
    return render(
        request,
        "implementation/staff/dashboard.html",
        {
            "rows": rows,
            "red": sum(1 for r in rows if r.is_red),
            "amber": sum(1 for r in rows if r.is_amber),
            "untracked": sum(1 for r in rows if not r.tracked),
        },
    )


@permission("implementation.staff")
@require_POST
def staff_start_all(request: HttpRequest) -> HttpResponse:
    started = services.deliveries_start_all(
        municipality=_municipality(request), actor=request.user, now=timezone.now()
    )
    if started:
        messages.success(
            request,
            _("Tracking started for %(count)d funded projects.") % {"count": len(started)},
        )
    else:
        messages.info(request, _("Every funded project is already tracked."))
    return redirect("implementation:staff")


def _staff_context(request: HttpRequest, target: FundedProject, **forms: Any) -> dict[str, Any]:
    municipality = target.municipality
    page = selectors.project_page(
        municipality=municipality, pk=target.project.pk, today=timezone.localdate()
    )
    if page is None:
        raise Http404
    delivery = page.delivery
    staff = selectors.staff_choices(municipality=municipality)
    context: dict[str, Any] = {
        "page": page,
        "p": page.summary,
        "status_form": StatusForm(
            prefix="status",
            initial={
                "status": delivery.status if delivery else Delivery.Status.PLANNED,
                "reason": delivery.status_reason if delivery else "",
            },
        ),
        "settings_form": SettingsForm(
            prefix="settings",
            staff_queryset=staff,
            initial={
                "responsible": delivery.responsible_id if delivery else None,
                "started_on": page.summary.started_on,
            },
        ),
        "spend_form": SpendForm(prefix="spend", initial={"spent_on": timezone.localdate()}),
        "milestone_form": MilestoneForm(prefix="milestone"),
        "update_form": UpdateForm(prefix="update"),
        "error_form": "",
    }
    context.update(forms)
    return context


@permission("implementation.manage", obj=_funded)
@require_GET
def staff_project(request: HttpRequest, pk: int) -> HttpResponse:
    target = _target(request)
    return render(request, "implementation/staff/project.html", _staff_context(request, target))


@permission("implementation.manage", obj=_funded)
@require_POST
def staff_start(request: HttpRequest, pk: int) -> HttpResponse:
    target = _target(request)
    try:
        services.delivery_start(project=target.project, actor=request.user, now=timezone.now())
    except services.ImplementationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Tracking has started. Add milestones and keep it up to date."))
    return redirect("implementation:staff_project", pk=pk)


def _delivery(request: HttpRequest, target: FundedProject) -> Delivery:
    """The project's record; a form posted before tracking started starts it."""
    if target.delivery is not None:
        return target.delivery
    return services.delivery_start(project=target.project, actor=request.user, now=timezone.now())


def _staff_post(
    request: HttpRequest,
    form: Any,
    form_name: str,
    action: Callable[[Delivery, dict[str, Any]], str | None],
    done: str,
) -> HttpResponse:
    """Validate a staff form, run the service, and show the project again with any refusal.

    `action` may return a warning (for example: over budget) shown after the success message."""
    target = _target(request)
    if form.is_valid():
        try:
            warning = action(_delivery(request, target), form.cleaned_data)
        except services.ImplementationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            if warning:
                messages.warning(request, warning)
            return redirect("implementation:staff_project", pk=target.project.pk)
    return render(
        request,
        "implementation/staff/project.html",
        _staff_context(request, target, **{form_name: form, "error_form": form_name}),
        status=400,
    )


@permission("implementation.manage", obj=_funded)
@require_POST
def staff_status(request: HttpRequest, pk: int) -> HttpResponse:
    def action(delivery: Delivery, data: dict[str, Any]) -> None:
        services.delivery_status_change(
            delivery_id=delivery.pk,
            actor=request.user,
            status=data["status"],
            reason=data.get("reason", ""),
            now=timezone.now(),
        )

    return _staff_post(
        request,
        StatusForm(request.POST, prefix="status"),
        "status_form",
        action,
        _("The status is changed. Followers are told."),
    )


@permission("implementation.manage", obj=_funded)
@require_POST
def staff_settings(request: HttpRequest, pk: int) -> HttpResponse:
    target = _target(request)
    form = SettingsForm(
        request.POST,
        prefix="settings",
        staff_queryset=selectors.staff_choices(municipality=target.municipality),
    )

    def action(delivery: Delivery, data: dict[str, Any]) -> None:
        services.delivery_settings_change(
            delivery_id=delivery.pk,
            actor=request.user,
            responsible=data.get("responsible"),
            started_on=data["started_on"],
            now=timezone.now(),
        )

    return _staff_post(request, form, "settings_form", action, _("The project is updated."))


@permission("implementation.manage", obj=_funded)
@require_POST
def staff_spend(request: HttpRequest, pk: int) -> HttpResponse:
    def action(delivery: Delivery, data: dict[str, Any]) -> str:
        result = services.spend_add(
            delivery_id=delivery.pk,
            actor=request.user,
            spent_on=data["spent_on"],
            amount=data["amount"],
            purpose=data["purpose"],
            now=timezone.now(),
        )
        return result.warning

    return _staff_post(
        request,
        SpendForm(request.POST, prefix="spend"),
        "spend_form",
        action,
        _("The spending is recorded."),
    )


@permission("implementation.manage", obj=_funded)
@require_POST
def staff_spend_remove(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    target = _target(request)
    if target.delivery is None:
        raise Http404
    try:
        services.spend_remove(
            entry_id=entry_id,
            delivery_id=target.delivery.pk,
            actor=request.user,
            now=timezone.now(),
        )
    except services.ImplementationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The entry is removed."))
    return redirect("implementation:staff_project", pk=pk)


@permission("implementation.manage", obj=_funded)
@require_POST
def staff_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    def action(delivery: Delivery, data: dict[str, Any]) -> None:
        services.milestone_add(
            delivery_id=delivery.pk,
            actor=request.user,
            title=data["title"],
            due_on=data["due_on"],
            now=timezone.now(),
        )

    return _staff_post(
        request,
        MilestoneForm(request.POST, prefix="milestone"),
        "milestone_form",
        action,
        _("The milestone is added."),
    )


@permission("implementation.manage", obj=_funded)
@require_POST
def staff_milestone_mark(request: HttpRequest, pk: int, milestone_id: int) -> HttpResponse:
    target = _target(request)
    if target.delivery is None:
        raise Http404
    try:
        services.milestone_mark(
            milestone_id=milestone_id,
            delivery_id=target.delivery.pk,
            actor=request.user,
            done=request.POST.get("done") == "1",
            now=timezone.now(),
        )
    except services.ImplementationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The milestone is updated."))
    return redirect("implementation:staff_project", pk=pk)


@permission("implementation.manage", obj=_funded)
@require_POST
def staff_update(request: HttpRequest, pk: int) -> HttpResponse:
    form = UpdateForm(request.POST, request.FILES, prefix="update")

    def action(delivery: Delivery, data: dict[str, Any]) -> None:
        services.update_post(
            delivery_id=delivery.pk,
            actor=request.user,
            text=data["text"],
            photos=form.photos(),
            now=timezone.now(),
        )

    return _staff_post(
        request, form, "update_form", action, _("The update is published. Followers are told.")
    )
