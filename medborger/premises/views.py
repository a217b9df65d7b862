"""Municipal premises pages. Views parse input, call one service or selector, and render.
Refusals from services come back as PremisesError and are shown next to the field they concern
(status 400), with what the user typed still in the form."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any, cast

import icalendar
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medborger.accounts.models import User
from medborger.core.permissions import permission
from medborger.domain.lifecycle import premises as lifecycle
from medborger.domain.lifecycle.premises import time_zone_for
from medborger.premises import selectors, services
from medborger.premises.forms import RejectForm, RequestForm
from medborger.premises.models import BookingRequest, Premises
from medborger.premises.texts import STATE_HELP, STATE_LABELS


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _user(request: HttpRequest) -> User:
    """The signed-in user; every view that calls this declares a rule that needs one."""
    return cast(User, request.user)


def _premises(request: HttpRequest, pk: int) -> Premises:
    """Published premises (or any, for staff) of this municipality; else 404."""
    premises = selectors.premises_detail(
        user=request.user, municipality=_municipality(request), pk=pk
    )
    if premises is None:
        raise Http404
    return premises


def _visible_request(request: HttpRequest, pk: int) -> BookingRequest:
    booking_request = selectors.request_detail(
        user=request.user, municipality=_municipality(request), pk=pk
    )
    if booking_request is None:
        raise Http404
    return booking_request


def _staff_request(request: HttpRequest, pk: int) -> BookingRequest:
    booking_request = selectors.request_for_staff(municipality=_municipality(request), pk=pk)
    if booking_request is None:
        raise Http404
    return booking_request


def _state(booking_request: BookingRequest) -> dict[str, Any]:
    return {
        "state_label": STATE_LABELS.get(booking_request.state, booking_request.state),
        "state_help": STATE_HELP.get(booking_request.state, ""),
    }


def _refuse(form: Any, error: services.PremisesError) -> None:
    field = {"starts_at": "start_time", "ends_at": "end_time"}.get(error.field or "", error.field)
    form.add_error(field if field in form.fields else None, str(error))


def _week(request: HttpRequest, zone: Any) -> tuple[Any, str | None]:
    """The Monday of the week asked for in `?uge=2025-W23`, or this week with a message."""
    text = request.GET.get("uge", "")
    today = timezone.localtime(timezone.now(), zone).date()
    if not text:
        return lifecycle.week_start(today), None
    monday = lifecycle.parse_iso_week(text)
    if monday is None:
        return lifecycle.week_start(today), _(
            "We could not read the week %(week)s. Write it like 2025-W23. Here is this week."
        ) % {"week": text[:20]}
    return monday, None


# --- public pages --------------------------------------------------------------------------------


@permission("premises.view_calendar")
@require_GET
def premises_list(request: HttpRequest) -> HttpResponse:
    premises = selectors.premises_visible_to(user=request.user, municipality=_municipality(request))
    return render(request, "premises/list.html", {"premises_list": premises})


@permission("premises.view_calendar")
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    zone = time_zone_for(municipality.country)
    monday, problem = _week(request, zone)
    week = selectors.week_of(municipality=municipality, monday=monday, zone=zone)
    return render(
        request,
        "premises/calendar.html",
        {"week": week, "problem": problem, "show_place": True},
        status=400 if problem else 200,
    )


@permission("premises.view_premises", obj=_premises)
@require_GET
def premises_detail(request: HttpRequest, pk: int) -> HttpResponse:
    premises: Premises = request.permission_object  # type: ignore[attr-defined]
    monday, problem = _week(request, premises.zone)
    week = selectors.week_of(
        municipality=premises.municipality, monday=monday, zone=premises.zone, premises=premises
    )
    return render(
        request,
        "premises/detail.html",
        {"premises": premises, "week": week, "problem": problem, "show_place": False},
        status=400 if problem else 200,
    )


@permission("premises.view_premises", obj=_premises)
@require_GET
def premises_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The approved bookings of one premises as an iCalendar feed, in the municipality's time
    zone (Europe/Copenhagen or Europe/Stockholm), from 31 days ago on."""
    premises: Premises = request.permission_object  # type: ignore[attr-defined]
    zone = premises.zone
    host = request.get_host().split(":")[0]
    feed = icalendar.Calendar()
    feed.add("prodid", "-//Medborger//Premises//DA")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", premises.name)
    feed.add("x-wr-timezone", str(zone))
    stamp = datetime.now(UTC).replace(microsecond=0)
    for booking in selectors.bookings_for_feed(
        premises=premises, since=timezone.now() - timedelta(days=31)
    ):
        event = icalendar.Event()
        event.add("uid", f"premises-booking-{booking.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", booking.starts_at.astimezone(zone))
        event.add("dtend", booking.ends_at.astimezone(zone))
        event.add("summary", f"{booking.request.title} ({booking.request.holder})")
        event.add("location", f"{premises.name}, {premises.address}")
        feed.add_component(event)
    feed.add_missing_timezones()
    response = HttpResponse(feed.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lokale-{premises.pk}.ics"'
    return response


def _request_data(form: RequestForm) -> services.RequestData:
    data = form.cleaned_data
    organisation = data.get("organisation")
    return services.RequestData(
        title=data["title"],
        purpose=data["purpose"],
        participants=data["participants"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        repeat_until=data.get("repeat_until"),
        requester_kind=data["requester_kind"],
        organisation_id=organisation.pk if organisation is not None else None,
        initiative_name=data.get("initiative_name", ""),
        responsible_name=data["responsible_name"],
        responsible_phone=data["responsible_phone"],
        responsible_email=data["responsible_email"],
    )


@permission("premises.request", obj=_premises)
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    premises: Premises = request.permission_object  # type: ignore[attr-defined]
    organisations = selectors.organisations_for(
        user=request.user, municipality=premises.municipality
    )
    if request.method == "POST":
        form = RequestForm(request.POST, premises=premises, organisations=organisations)
        if form.is_valid():
            try:
                booking_request = services.request_submit(
                    premises=premises,
                    requester=_user(request),
                    data=_request_data(form),
                    now=timezone.now(),
                )
            except services.PremisesError as error:
                _refuse(form, error)
            else:
                messages.success(
                    request,
                    _("Your request is sent. A case officer answers you here and by notification."),
                )
                return redirect("premises:request", pk=booking_request.pk)
    else:
        form = RequestForm(
            premises=premises,
            organisations=organisations,
            initial={
                "responsible_name": _user(request).name,
                "responsible_email": _user(request).email,
                "requester_kind": "association" if organisations.exists() else "entrepreneur",
            },
        )
    return render(
        request,
        "premises/request_form.html",
        {"premises": premises, "form": form},
        status=400 if form.errors else 200,
    )


@permission("premises.view_own")
@require_GET
def my_requests(request: HttpRequest) -> HttpResponse:
    rows = [
        {"request": r, **_state(r)}
        for r in selectors.requests_of(user=request.user, municipality=_municipality(request))
    ]
    return render(request, "premises/mine.html", {"rows": rows})


@permission("premises.view_request", obj=_visible_request)
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    booking_request: BookingRequest = request.permission_object  # type: ignore[attr-defined]
    return render(
        request,
        "premises/request_detail.html",
        {
            "booking_request": booking_request,
            "is_requester": booking_request.requester_id == request.user.pk,
            **_state(booking_request),
        },
    )


@permission("premises.cancel", obj=_visible_request)
@require_POST
def request_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking_request: BookingRequest = request.permission_object  # type: ignore[attr-defined]
    try:
        services.request_cancel(request_id=pk, user=_user(request), now=timezone.now())
    except services.PremisesError as error:
        fresh = selectors.request_detail(
            user=request.user, municipality=booking_request.municipality, pk=pk
        )
        shown = fresh or booking_request
        return render(
            request,
            "premises/request_detail.html",
            {"booking_request": shown, "is_requester": True, "error": str(error), **_state(shown)},
            status=400,
        )
    messages.success(request, _("The request is cancelled. The time is free for others."))
    return redirect("premises:request", pk=pk)


# --- staff ---------------------------------------------------------------------------------------


@permission("premises.staff")
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    queue = selectors.staff_queue(municipality=municipality)
    return render(request, "premises/staff/list.html", {"queue": queue})


def _staff_context(booking_request: BookingRequest, **extra: Any) -> dict[str, Any]:
    conflicts = selectors.conflicts_of([booking_request]).get(booking_request.pk, [])
    context: dict[str, Any] = {
        "booking_request": booking_request,
        "conflicts": conflicts,
        "reject_form": RejectForm(),
        **_state(booking_request),
    }
    context.update(extra)
    return context


@permission("premises.staff", obj=_staff_request)
@require_GET
def staff_case(request: HttpRequest, pk: int) -> HttpResponse:
    booking_request: BookingRequest = request.permission_object  # type: ignore[attr-defined]
    return render(request, "premises/staff/case.html", _staff_context(booking_request))


def _staff_refused(request: HttpRequest, pk: int, **extra: Any) -> HttpResponse:
    """Show the case as it is now (another official may just have decided it), with the
    refusal."""
    fresh = selectors.request_for_staff(municipality=_municipality(request), pk=pk)
    shown = fresh or request.permission_object  # type: ignore[attr-defined]
    return render(request, "premises/staff/case.html", _staff_context(shown, **extra), status=400)


@permission("premises.decide", obj=_staff_request)
@require_POST
def staff_approve(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.request_approve(request_id=pk, official=_user(request), now=timezone.now())
    except services.PremisesError as error:
        return _staff_refused(request, pk, error=str(error))
    messages.success(request, _("The request is approved. The requester is told."))
    return redirect("premises:staff_case", pk=pk)


@permission("premises.decide", obj=_staff_request)
@require_POST
def staff_reject(request: HttpRequest, pk: int) -> HttpResponse:
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            services.request_reject(
                request_id=pk,
                official=_user(request),
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except services.PremisesError as error:
            if error.field != "reason":
                return _staff_refused(request, pk, error=str(error))
            _refuse(form, error)
        else:
            messages.success(request, _("The request is rejected. The requester is told why."))
            return redirect("premises:staff_case", pk=pk)
    return _staff_refused(request, pk, reject_form=form)
