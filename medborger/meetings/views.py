"""Citizens' meeting pages. Views parse input, call one service or selector, and render.
Refusals from services come back as MeetingError and are shown on the page (status 400), with
what the user typed still in the form."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medborger.accounts.models import User
from medborger.core.permissions import permission
from medborger.domain.meetings import free_seats
from medborger.meetings import selectors, services
from medborger.meetings.forms import (
    AllocateForm,
    AttendanceForm,
    CancelMeetingForm,
    DeclineForm,
    FilterForm,
    MinutesForm,
    SlotRequestForm,
)
from medborger.meetings.ical import build_calendar
from medborger.meetings.models import Meeting, MeetingKind, SpeakingSlot
from medborger.meetings.rules import can_allocate_slots


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _meeting(request: HttpRequest, pk: int, **_kwargs: Any) -> Meeting:
    meeting = selectors.meeting_detail(municipality=_municipality(request), pk=pk)
    if meeting is None:
        raise Http404
    return meeting


def _slot(request: HttpRequest, slot_pk: int) -> SpeakingSlot:
    slot = (
        SpeakingSlot.objects.select_related("meeting", "meeting__municipality")
        .filter(pk=slot_pk, meeting__municipality=_municipality(request))
        .first()
    )
    if slot is None:
        raise Http404
    return slot


def _slot_meeting(request: HttpRequest, slot_pk: int) -> Meeting:
    return _slot(request, slot_pk).meeting


# --- public pages --------------------------------------------------------------------------------


@permission("meetings.view")
@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    now = timezone.now()
    form = FilterForm(request.GET or None, areas=municipality.areas.order_by("name"))
    area_slug = kind = ""
    if form.is_bound and form.is_valid():
        area_slug = form.cleaned_data["omraade"]
        kind = form.cleaned_data["type"]
    meetings = selectors.upcoming(
        municipality=municipality, now=now, area_slug=area_slug, kind=kind
    )
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    return render(
        request,
        "meetings/list.html",
        {
            "form": form,
            "meetings": meetings,
            "past": selectors.past(municipality=municipality, now=now, limit=10),
            "ics_query": query,
            "next_plenum": selectors.next_plenum(municipality=municipality, now=now),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _meeting_context(request: HttpRequest, meeting: Meeting, **extra: Any) -> dict[str, Any]:
    now = timezone.now()
    registration = selectors.registration_of(meeting=meeting, user=request.user)
    refusal = services.rules_.registration_refusal(
        status=meeting.status,
        now=now,
        starts_at=meeting.starts_at,
        opens=meeting.registration_opens,
        closes=meeting.registration_closes,
    )
    context: dict[str, Any] = {
        "meeting": meeting,
        "agenda": selectors.agenda(meeting),
        "registration": registration,
        "waiting_position": (
            selectors.waiting_position(registration)
            if registration is not None and registration.state == "waiting"
            else None
        ),
        "waiting_count": selectors.waiting_count(meeting),
        "seats_left": free_seats(capacity=meeting.capacity, registered=meeting.registered_count),
        "registration_open": refusal is None,
        "registration_refusal": (
            services.refusal_text(refusal, meeting) if refusal is not None else ""
        ),
        "is_past": meeting.ends_at <= now,
        "running_order": (
            services.timed_running_order(meeting, selectors.allocated_slots(meeting))
            if meeting.running_order_published
            else []
        ),
        "offer_waiting_list": False,
        "refusal": "",
    }
    context.update(extra)
    return context


@permission("meetings.view", obj=_meeting)
@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    return render(request, "meetings/detail.html", _meeting_context(request, meeting))


@permission("meetings.register", obj=_meeting)
@require_POST
def meeting_register(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    join = request.POST.get("waiting_list") == "1"
    try:
        registration = services.register(
            meeting_id=meeting.pk, user=_user(request), now=timezone.now(), join_waiting_list=join
        )
    except services.MeetingError as error:
        fresh = selectors.meeting_detail(municipality=meeting.municipality, pk=meeting.pk)
        return render(
            request,
            "meetings/detail.html",
            _meeting_context(
                request,
                fresh or meeting,
                refusal=str(error),
                offer_waiting_list=error.code == "full",
            ),
            status=409 if error.code in ("full", "twice") else 400,
        )
    if registration.state == "waiting":
        messages.success(
            request,
            _("You are on the waiting list. If a seat becomes free, you get it and a message."),
        )
    else:
        messages.success(request, _("You are registered. We send you a reminder the day before."))
    return redirect("meetings:meeting", pk=meeting.pk)


@permission("meetings.register", obj=_meeting)
@require_POST
def meeting_cancel_registration(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    try:
        services.cancel(meeting_id=meeting.pk, user=_user(request), now=timezone.now())
    except services.MeetingError as error:
        return render(
            request,
            "meetings/detail.html",
            _meeting_context(request, meeting, refusal=str(error)),
            status=400,
        )
    messages.success(request, _("Your registration is cancelled."))
    return redirect("meetings:meeting", pk=meeting.pk)


@permission("meetings.view_own")
@require_GET
def my_registrations(request: HttpRequest) -> HttpResponse:
    registrations = selectors.registrations_of(
        user=request.user, municipality=_municipality(request)
    )
    return render(
        request, "meetings/mine.html", {"registrations": registrations, "now": timezone.now()}
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@permission("meetings.view")
@require_GET
def calendar_feed(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    area_slug = request.GET.get("omraade", "")
    kind = request.GET.get("type", "")
    if kind and kind not in MeetingKind.values:
        return HttpResponse(
            _("Unknown kind of meeting."), status=400, content_type="text/plain; charset=utf-8"
        )
    if area_slug and not municipality.areas.filter(slug=area_slug).exists():
        return HttpResponse(
            _("Unknown area."), status=400, content_type="text/plain; charset=utf-8"
        )
    meetings = selectors.calendar_meetings(
        municipality=municipality, area_slug=area_slug, kind=kind
    )
    content = build_calendar(
        meetings,
        request=request,
        name=_("Citizens' meetings in %(name)s") % {"name": municipality.name},
        country=municipality.country,
        now=timezone.now(),
    )
    return _ics_response(content, f"{municipality.slug}-moeder.ics")


@permission("meetings.view", obj=_meeting)
@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    content = build_calendar(
        [meeting],
        request=request,
        name=meeting.title,
        country=meeting.municipality.country,
        now=timezone.now(),
    )
    return _ics_response(content, f"{slugify(meeting.title) or 'moede'}-{meeting.pk}.ics")


# --- open plenum ---------------------------------------------------------------------------------


def _my_proposals(request: HttpRequest) -> Any:
    from medborger.proposals.models import Proposal

    return Proposal.objects.filter(
        municipality=_municipality(request), author=_user(request)
    ).order_by("-pk")


@permission("meetings.view")
@require_GET
def plenum(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    meeting = selectors.next_plenum(municipality=municipality, now=timezone.now())
    mine = (
        list(selectors.slots_of(user=request.user, meeting=meeting))
        if meeting is not None and request.user.is_authenticated
        else []
    )
    return render(request, "meetings/plenum.html", {"meeting": meeting, "my_slots": mine})


@permission("meetings.request_slot", obj=_meeting)
@require_http_methods(["GET", "POST"])
def slot_request(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    if meeting.kind != MeetingKind.OPEN_PLENUM:
        raise Http404
    proposals = _my_proposals(request)
    if request.method == "POST":
        form = SlotRequestForm(request.POST, proposals=proposals)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.slot_request(
                    meeting_id=meeting.pk,
                    user=_user(request),
                    title=data["title"],
                    summary=data["summary"],
                    proposal=data["proposal"],
                    now=timezone.now(),
                )
            except services.MeetingError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, str(error))
            else:
                messages.success(
                    request,
                    _(
                        "Your request is sent. The secretary gives out the slots and you get a "
                        "message when the running order is published."
                    ),
                )
                return redirect("meetings:plenum")
    else:
        form = SlotRequestForm(proposals=proposals)
    return render(
        request,
        "meetings/slot_request.html",
        {"meeting": meeting, "form": form},
        status=400 if form.errors else 200,
    )


@permission("meetings.view_running_order", obj=_meeting)
@require_GET
def running_order(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    if meeting.kind != MeetingKind.OPEN_PLENUM:
        raise Http404
    rows = services.timed_running_order(meeting, selectors.allocated_slots(meeting))
    return render(request, "meetings/running_order.html", {"meeting": meeting, "rows": rows})


# --- staff ---------------------------------------------------------------------------------------


@permission("meetings.staff")
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    meetings = selectors.meetings_for(municipality=municipality).order_by("-starts_at", "-pk")
    return render(
        request, "meetings/staff/list.html", {"meetings": meetings, "now": timezone.now()}
    )


def _staff_context(request: HttpRequest, meeting: Meeting, **forms: Any) -> dict[str, Any]:
    grouped = selectors.registrations_for_staff(meeting)
    context: dict[str, Any] = {
        "meeting": meeting,
        "grouped": grouped,
        "attendance_form": AttendanceForm(
            registrations=grouped["registered"],
            initial={
                "attended": [str(r.pk) for r in grouped["registered"] if r.attended],
                "attendance_count": meeting.attendance_count,
            },
        ),
        "minutes_form": MinutesForm(
            initial={"minutes": meeting.minutes, "decisions": meeting.decisions}
        ),
        "cancel_form": CancelMeetingForm(),
        "started": meeting.starts_at <= timezone.now(),
        "can_allocate": can_allocate_slots(request.user, meeting),
    }
    context.update(forms)
    return context


@permission("meetings.staff", obj=_meeting)
@require_GET
def staff_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    return render(request, "meetings/staff/meeting.html", _staff_context(request, meeting))


def _staff_post(
    request: HttpRequest, meeting: Meeting, form: Any, form_name: str, action: Any, done: str
) -> HttpResponse:
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except services.MeetingError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error))
        else:
            messages.success(request, done)
            return redirect("meetings:staff_meeting", pk=meeting.pk)
    fresh = selectors.meeting_detail(municipality=meeting.municipality, pk=meeting.pk) or meeting
    return render(
        request,
        "meetings/staff/meeting.html",
        _staff_context(request, fresh, **{form_name: form}),
        status=400,
    )


@permission("meetings.manage", obj=_meeting)
@require_POST
def staff_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    registered = selectors.registrations_for_staff(meeting)["registered"]
    form = AttendanceForm(request.POST, registrations=registered)
    return _staff_post(
        request,
        meeting,
        form,
        "attendance_form",
        lambda d: services.attendance_record(
            meeting_id=meeting.pk,
            staff=_user(request),
            attended_ids=[int(x) for x in d["attended"]],
            count=d["attendance_count"],
            now=timezone.now(),
        ),
        _("The attendance is saved."),
    )


@permission("meetings.manage", obj=_meeting)
@require_POST
def staff_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    return _staff_post(
        request,
        meeting,
        MinutesForm(request.POST),
        "minutes_form",
        lambda d: services.minutes_publish(
            meeting_id=meeting.pk,
            staff=_user(request),
            minutes=d["minutes"],
            decisions=d["decisions"],
            now=timezone.now(),
        ),
        _("The minutes and decisions are published."),
    )


@permission("meetings.manage", obj=_meeting)
@require_POST
def staff_cancel_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    return _staff_post(
        request,
        meeting,
        CancelMeetingForm(request.POST),
        "cancel_form",
        lambda d: services.meeting_cancel(
            meeting_id=meeting.pk, staff=_user(request), reason=d["reason"], now=timezone.now()
        ),
        _("The meeting is cancelled and the people registered are told."),
    )


def _slots_context(meeting: Meeting, **extra: Any) -> dict[str, Any]:
    slots = list(selectors.slots_for_staff(meeting))
    rows = [
        {
            "slot": s,
            "allocate_form": AllocateForm(
                prefix=f"s{s.pk}",
                initial={"position": s.position or "", "minutes": s.minutes_allotted or 5},
            ),
            "decline_form": DeclineForm(prefix=f"d{s.pk}"),
        }
        for s in slots
    ]
    context: dict[str, Any] = {"meeting": meeting, "rows": rows, "refusal": ""}
    for row in rows:
        key = cast(SpeakingSlot, row["slot"]).pk
        if key in extra.get("forms", {}):
            row.update(extra["forms"][key])
    context["refusal"] = extra.get("refusal", "")
    return context


@permission("meetings.allocate_slots", obj=_meeting)
@require_GET
def staff_slots(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    if meeting.kind != MeetingKind.OPEN_PLENUM:
        raise Http404
    return render(request, "meetings/staff/slots.html", _slots_context(meeting))


def _slot_post(
    request: HttpRequest, slot_pk: int, form: Any, form_key: str, action: Any, done: str
) -> HttpResponse:
    slot = _slot(request, slot_pk)
    meeting = slot.meeting
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except services.MeetingError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error))
        else:
            messages.success(request, done)
            return redirect("meetings:staff_slots", pk=meeting.pk)
    return render(
        request,
        "meetings/staff/slots.html",
        _slots_context(meeting, forms={slot.pk: {form_key: form}}),
        status=400,
    )


@permission("meetings.allocate_slots", obj=_slot_meeting)
@require_POST
def staff_slot_allocate(request: HttpRequest, slot_pk: int) -> HttpResponse:
    return _slot_post(
        request,
        slot_pk,
        AllocateForm(request.POST, prefix=f"s{slot_pk}"),
        "allocate_form",
        lambda d: services.slot_allocate(
            slot_id=slot_pk,
            staff=_user(request),
            position=d["position"],
            minutes=d["minutes"],
            now=timezone.now(),
        ),
        _("The slot is given."),
    )


@permission("meetings.allocate_slots", obj=_slot_meeting)
@require_POST
def staff_slot_decline(request: HttpRequest, slot_pk: int) -> HttpResponse:
    return _slot_post(
        request,
        slot_pk,
        DeclineForm(request.POST, prefix=f"d{slot_pk}"),
        "decline_form",
        lambda d: services.slot_decline(
            slot_id=slot_pk, staff=_user(request), reason=d["reason"], now=timezone.now()
        ),
        _("The request is declined and the person is told why."),
    )


@permission("meetings.allocate_slots", obj=_meeting)
@require_POST
def staff_publish_order(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: Meeting = request.permission_object  # type: ignore[attr-defined]
    try:
        services.running_order_publish(
            meeting_id=meeting.pk, staff=_user(request), now=timezone.now()
        )
    except services.MeetingError as error:
        return render(
            request,
            "meetings/staff/slots.html",
            _slots_context(meeting, refusal=str(error)),
            status=400,
        )
    messages.success(request, _("The running order is published."))
    return redirect("meetings:staff_slots", pk=meeting.pk)
