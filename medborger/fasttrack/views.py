"""Fast-track pool pages. Views parse input, call one service or selector, and render.
Refusals from services come back as FastTrackError and are shown next to the field they concern
(status 400), with what the user typed still in the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medborger.accounts.models import User
from medborger.core.permissions import permission
from medborger.domain.lifecycle.fasttrack import State
from medborger.fasttrack import selectors, services
from medborger.fasttrack.forms import (
    ApplicationForm,
    ApproveForm,
    PayoutForm,
    RejectForm,
    ReportForm,
)
from medborger.fasttrack.models import Application, FastTrackPool
from medborger.fasttrack.texts import STATUS_HELP, STATUS_LABELS, kroner


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _user(request: HttpRequest) -> User:
    """The signed-in user; every view that calls this declares a rule that needs one."""
    return cast(User, request.user)


def _pool(request: HttpRequest, pk: int) -> FastTrackPool:
    pool = selectors.pool_detail(municipality=_municipality(request), pk=pk)
    if pool is None:
        raise Http404
    return pool


def _visible(request: HttpRequest, pk: int) -> Application:
    """The application if this user may see it; 404 for other municipalities and for someone
    else's undecided application."""
    application = selectors.application_detail(
        user=request.user, municipality=_municipality(request), pk=pk
    )
    if application is None:
        raise Http404
    return application


def _staff_application(request: HttpRequest, pk: int) -> Application:
    application = selectors.application_for_staff(municipality=_municipality(request), pk=pk)
    if application is None:
        raise Http404
    return application


def _status(application: Application) -> dict[str, Any]:
    """The status (with the derived "overdue" ones) and the amounts, written for the reader."""
    now = timezone.now()
    status = application.status(now=now, today=timezone.localdate(now))
    country = application.municipality.country

    def money(amount: int | None) -> str:
        return kroner(amount, country) if amount is not None else ""

    return {
        "status": status,
        "status_label": STATUS_LABELS.get(status, status),
        "status_help": STATUS_HELP.get(status, ""),
        "requested": money(application.amount_requested),
        "granted": money(application.granted_amount),
        "paid": money(application.paid_amount),
    }


def _money(pool: FastTrackPool) -> dict[str, str]:
    country = pool.municipality.country
    return {
        "amount": kroner(pool.amount, country),
        "cap": kroner(pool.project_cap, country),
        "remaining": kroner(pool.remaining, country),
        "granted": kroner(pool.granted, country),
    }


def _refuse(form: Any, error: services.FastTrackError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


# --- public pages --------------------------------------------------------------------------------


@permission("fasttrack.view_pool")
@require_GET
def pool_list(request: HttpRequest) -> HttpResponse:
    pools = selectors.pools_for(municipality=_municipality(request))
    rows = [{"pool": pool, "money": _money(pool)} for pool in pools]
    return render(request, "fasttrack/list.html", {"rows": rows})


@permission("fasttrack.view_pool", obj=_pool)
@require_GET
def pool_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pool: FastTrackPool = request.permission_object  # type: ignore[attr-defined]
    decided = [{"application": a, **_status(a)} for a in selectors.decided_applications(pool=pool)]
    return render(
        request,
        "fasttrack/pool.html",
        {"pool": pool, "money": _money(pool), "decided": decided},
    )


def _application_data(form: ApplicationForm) -> services.ApplicationData:
    data = form.cleaned_data
    return services.ApplicationData(
        title=data["title"],
        description=data["description"],
        activity_date=data["activity_date"],
        place=data["place"],
        amount_requested=data["amount"],
        group_name=data["group_name"],
        responsible_name=data["responsible_name"],
        responsible_phone=data["responsible_phone"],
        responsible_email=data["responsible_email"],
    )


@permission("fasttrack.apply", obj=_pool)
@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest, pk: int) -> HttpResponse:
    pool: FastTrackPool = request.permission_object  # type: ignore[attr-defined]
    if request.method == "POST":
        form = ApplicationForm(request.POST, pool=pool)
        if form.is_valid():
            try:
                application = services.application_submit(
                    pool=pool,
                    applicant=_user(request),
                    data=_application_data(form),
                    now=timezone.now(),
                )
            except services.FastTrackError as error:
                _refuse(form, error)
            else:
                messages.success(
                    request,
                    _("Your application is sent. You get a decision by %(date)s.")
                    % {"date": date_format(timezone.localtime(application.decision_due))},
                )
                return redirect("fasttrack:detail", pk=application.pk)
    else:
        form = ApplicationForm(pool=pool, initial={"responsible_name": _user(request).name})
    return render(
        request,
        "fasttrack/apply.html",
        {"pool": pool, "money": _money(pool), "form": form},
        status=400 if form.errors else 200,
    )


@permission("fasttrack.view_own")
@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = selectors.applications_of(user=request.user, municipality=_municipality(request))
    rows = [{"application": a, **_status(a)} for a in applications]
    return render(request, "fasttrack/mine.html", {"rows": rows})


@permission("fasttrack.view_application", obj=_visible)
@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application: Application = request.permission_object  # type: ignore[attr-defined]
    return render(
        request,
        "fasttrack/detail.html",
        {
            "application": application,
            "money": _money(application.pool),
            "is_applicant": application.applicant_id == request.user.pk,
            **_status(application),
        },
    )


@permission("fasttrack.report", obj=_visible)
@require_http_methods(["GET", "POST"])
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    application: Application = request.permission_object  # type: ignore[attr-defined]
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.report_submit(
                    application_id=application.pk,
                    user=_user(request),
                    text=data["text"],
                    photos=[
                        services.PhotoData(image=photo, description=data["photo_description"])
                        for photo in data["photos"]
                    ],
                    now=timezone.now(),
                )
            except services.FastTrackError as error:
                _refuse(form, error)
            else:
                messages.success(request, _("Thank you. Your report is public now."))
                return redirect("fasttrack:detail", pk=application.pk)
    else:
        form = ReportForm()
    return render(
        request,
        "fasttrack/report.html",
        {
            "application": application,
            "form": form,
            "can_report": application.state == State.PAID.value,
            **_status(application),
        },
        status=400 if form.errors else 200,
    )


# --- staff ---------------------------------------------------------------------------------------


@permission("fasttrack.staff")
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    municipality = _municipality(request)
    queues = selectors.staff_queues(
        municipality=municipality, now=now, today=timezone.localdate(now)
    )
    pools = [
        {"pool": p, "money": _money(p)} for p in selectors.pools_for(municipality=municipality)
    ]
    return render(request, "fasttrack/staff/list.html", {"queues": queues, "pools": pools})


def _staff_context(application: Application, **forms: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "application": application,
        "money": _money(application.pool),
        "approve_form": ApproveForm(initial={"amount": application.amount_requested}),
        "reject_form": RejectForm(),
        "payout_form": PayoutForm(
            initial={
                "paid_on": timezone.localdate(),
                "amount": application.granted_amount,
            }
        ),
        **_status(application),
    }
    context.update(forms)
    return context


@permission("fasttrack.staff", obj=_staff_application)
@require_GET
def staff_case(request: HttpRequest, pk: int) -> HttpResponse:
    application: Application = request.permission_object  # type: ignore[attr-defined]
    return render(request, "fasttrack/staff/case.html", _staff_context(application))


def _staff_post(
    request: HttpRequest,
    form: Any,
    form_name: str,
    action: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Validate a staff form, run the service, and show the case again with any refusal."""
    application: Application = request.permission_object  # type: ignore[attr-defined]
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except services.FastTrackError as error:
            _refuse(form, error)
        else:
            messages.success(request, done)
            return redirect("fasttrack:staff_case", pk=application.pk)
    # Show the case as it is now (another official may just have decided it).
    fresh = selectors.application_for_staff(
        municipality=application.municipality, pk=application.pk
    )
    return render(
        request,
        "fasttrack/staff/case.html",
        _staff_context(fresh or application, **{form_name: form}),
        status=400,
    )


@permission("fasttrack.decide", obj=_staff_application)
@require_POST
def staff_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_post(
        request,
        ApproveForm(request.POST),
        "approve_form",
        lambda d: services.application_approve(
            application_id=pk,
            official=_user(request),
            amount=d["amount"],
            reason=d["reason"],
            now=timezone.now(),
        ),
        _("The application is approved. The decision is public."),
    )


@permission("fasttrack.decide", obj=_staff_application)
@require_POST
def staff_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_post(
        request,
        RejectForm(request.POST),
        "reject_form",
        lambda d: services.application_reject(
            application_id=pk, official=_user(request), reason=d["reason"], now=timezone.now()
        ),
        _("The application is rejected. The reason is public."),
    )


@permission("fasttrack.record_payout", obj=_staff_application)
@require_POST
def staff_payout(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_post(
        request,
        PayoutForm(request.POST),
        "payout_form",
        lambda d: services.payout_record(
            application_id=pk,
            official=_user(request),
            paid_on=d["paid_on"],
            amount=d["amount"],
            now=timezone.now(),
        ),
        _("The payout is recorded."),
    )
