"""Volunteer team pages. Views parse input, call one service or selector, and render. Refusals
come back as VolunteeringError and are shown next to the field they concern (or above the form),
with status 400 and what the user typed still in the form."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medborger.accounts.models import User
from medborger.core.permissions import permission
from medborger.volunteering import selectors, services
from medborger.volunteering.forms import (
    CancelForm,
    CertificateForm,
    ContributionForm,
    OwnHoursForm,
    SeriesForm,
    SessionChangeForm,
    TeamHoursForm,
    minutes_of,
)
from medborger.volunteering.models import HoursEntry, Programme, Session, Team


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _programme(request: HttpRequest, pk: int) -> Programme:
    programme = selectors.programme_detail(municipality=_municipality(request), pk=pk)
    if programme is None:
        raise Http404
    return programme


def _team(request: HttpRequest, pk: int) -> Team:
    team = selectors.team_detail(municipality=_municipality(request), pk=pk)
    if team is None:
        raise Http404
    return team


def _session(request: HttpRequest, pk: int) -> Session:
    session = selectors.session_detail(municipality=_municipality(request), pk=pk)
    if session is None:
        raise Http404
    return session


def _entry(request: HttpRequest, pk: int) -> HoursEntry:
    entry = (
        HoursEntry.objects.filter(municipality=_municipality(request), pk=pk)
        .select_related("team")
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def _refuse(form: Any, error: services.VolunteeringError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


# --- public pages --------------------------------------------------------------------------------


@permission("volunteering.view")
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = selectors.programmes_for(municipality=_municipality(request))
    return render(request, "volunteering/list.html", {"programmes": programmes})


@permission("volunteering.view", obj=_programme)
@require_GET
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme: Programme = request.permission_object  # type: ignore[attr-defined]
    return render(
        request,
        "volunteering/programme.html",
        {
            "programme": programme,
            "teams": selectors.teams_with_totals(programme=programme),
            "totals": selectors.programme_totals(programme=programme),
            "by_year": selectors.hours_by_year(programme=programme),
        },
    )


def _team_context(request: HttpRequest, team: Team) -> dict[str, Any]:
    now = timezone.now()
    return {
        "team": team,
        "sessions": selectors.upcoming_sessions(team=team, user=request.user, now=now),
        "totals": selectors.team_totals(team=team),
        "by_year": selectors.hours_by_year(team=team),
        "can_manage": services.may_manage(request.user, team),
        "is_official": bool(services.is_official(request.user, team)),
        "now": now,
    }


@permission("volunteering.view", obj=_team)
@require_GET
def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    team: Team = request.permission_object  # type: ignore[attr-defined]
    return render(request, "volunteering/team.html", _team_context(request, team))


def _session_context(request: HttpRequest, session: Session, **extra: Any) -> dict[str, Any]:
    team = session.series.team
    can_manage = services.may_manage(request.user, team)
    now = timezone.now()
    context: dict[str, Any] = {
        "session": session,
        "team": team,
        "now": now,
        "started": session.starts_at <= now,
        "signed_up": selectors.is_signed_up(session=session, user=request.user),
        "can_manage": can_manage,
        "signups": selectors.signups_of_session(session=session) if can_manage else [],
        "hours_form": OwnHoursForm(),
        "change_form": SessionChangeForm(
            initial={"place": session.place, "capacity": session.capacity}
        ),
        "cancel_form": CancelForm(),
        "error": "",
    }
    context.update(extra)
    return context


@permission("volunteering.view", obj=_session)
@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session: Session = request.permission_object  # type: ignore[attr-defined]
    return render(request, "volunteering/session.html", _session_context(request, session))


def _session_refused(request: HttpRequest, session: Session, **extra: Any) -> HttpResponse:
    fresh = selectors.session_detail(municipality=session.municipality_id, pk=session.pk)
    return render(
        request,
        "volunteering/session.html",
        _session_context(request, fresh or session, **extra),
        status=400,
    )


@permission("volunteering.sign_up", obj=_session)
@require_POST
def signup(request: HttpRequest, pk: int) -> HttpResponse:
    session: Session = request.permission_object  # type: ignore[attr-defined]
    try:
        services.signup_add(session_id=session.pk, user=_user(request), now=timezone.now())
    except services.VolunteeringError as error:
        return _session_refused(request, session, error=str(error))
    messages.success(request, _("You are signed up. See you there."))
    return redirect("volunteering:session", pk=session.pk)


@permission("volunteering.sign_up", obj=_session)
@require_POST
def signup_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session: Session = request.permission_object  # type: ignore[attr-defined]
    try:
        services.signup_cancel(session_id=session.pk, user=_user(request), now=timezone.now())
    except services.VolunteeringError as error:
        return _session_refused(request, session, error=str(error))
    messages.success(request, _("Your sign-up is cancelled."))
    return redirect("volunteering:session", pk=session.pk)


@permission("volunteering.log_own_hours", obj=_session)
@require_POST
def own_hours(request: HttpRequest, pk: int) -> HttpResponse:
    session: Session = request.permission_object  # type: ignore[attr-defined]
    form = OwnHoursForm(request.POST)
    if form.is_valid():
        try:
            services.hours_log(
                session_id=session.pk,
                volunteer=_user(request),
                minutes=minutes_of(form.cleaned_data["hours"]),
                note=form.cleaned_data["note"],
                actor=_user(request),
                now=timezone.now(),
            )
        except services.VolunteeringError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("Thank you. Your hours are logged."))
            return redirect("volunteering:mine")
    return _session_refused(request, session, hours_form=form)


@permission("volunteering.manage_team", obj=_session)
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session: Session = request.permission_object  # type: ignore[attr-defined]
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.session_cancel(
                session_id=session.pk,
                actor=_user(request),
                reason=form.cleaned_data["reason"],
                now=timezone.now(),
            )
        except services.VolunteeringError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The session is cancelled."))
            return redirect("volunteering:session", pk=session.pk)
    return _session_refused(request, session, cancel_form=form)


@permission("volunteering.manage_team", obj=_session)
@require_POST
def session_change(request: HttpRequest, pk: int) -> HttpResponse:
    session: Session = request.permission_object  # type: ignore[attr-defined]
    form = SessionChangeForm(request.POST)
    if form.is_valid():
        try:
            services.session_change(
                session_id=session.pk,
                actor=_user(request),
                place=form.cleaned_data["place"],
                capacity=form.cleaned_data["capacity"],
                now=timezone.now(),
            )
        except services.VolunteeringError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The session is changed."))
            return redirect("volunteering:session", pk=session.pk)
    return _session_refused(request, session, change_form=form)


@permission("volunteering.view_own")
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    user = _user(request)
    return render(
        request,
        "volunteering/mine.html",
        {
            "signups": selectors.my_signups(
                user=user, municipality=municipality, now=timezone.now()
            ),
            "hours": selectors.my_hours(user=user, municipality=municipality),
            "by_year": selectors.my_hours_by_year(user=user, municipality=municipality),
        },
    )


# --- the team contact and staff ------------------------------------------------------------------


@permission("volunteering.manage_team", obj=_team)
@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest, pk: int) -> HttpResponse:
    team: Team = request.permission_object  # type: ignore[attr-defined]
    if request.method == "POST":
        form = SeriesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                series = services.series_create(
                    team=team,
                    actor=_user(request),
                    data=services.SeriesData(
                        title=data["title"],
                        description=data["description"],
                        place=data["place"],
                        frequency=data["frequency"],
                        start_date=data["start_date"],
                        start_time=data["start_time"],
                        duration_minutes=data["duration_minutes"],
                        count=data["count"],
                        end_date=data["end_date"],
                        capacity=data["capacity"],
                        requires_certificate=data["requires_certificate"],
                    ),
                    now=timezone.now(),
                )
            except services.VolunteeringError as error:
                _refuse(form, error)
            else:
                messages.success(
                    request,
                    _("The activity is created with %(count)s dates.")
                    % {"count": series.sessions.count()},
                )
                return redirect("volunteering:team", pk=team.pk)
    else:
        form = SeriesForm()
    return render(
        request,
        "volunteering/series_form.html",
        {"team": team, "form": form},
        status=400 if form.errors else 200,
    )


def _hours_page(
    request: HttpRequest, team: Team, form: TeamHoursForm | None = None
) -> HttpResponse:
    now = timezone.now()
    members = selectors.team_members(team=team)
    sessions = selectors.past_sessions(team=team, now=now)
    if form is None:
        form = TeamHoursForm(members=members, sessions=sessions)
    return render(
        request,
        "volunteering/staff/hours.html",
        {
            "team": team,
            "form": form,
            "pending": selectors.pending_hours(team=team),
            "recent": selectors.recent_hours(team=team),
            "per_volunteer": selectors.volunteer_totals(team=team),
        },
        status=400 if form.errors else 200,
    )


@permission("volunteering.manage_team", obj=_team)
@require_http_methods(["GET", "POST"])
def team_hours(request: HttpRequest, pk: int) -> HttpResponse:
    team: Team = request.permission_object  # type: ignore[attr-defined]
    if request.method == "GET":
        return _hours_page(request, team)
    now = timezone.now()
    members = selectors.team_members(team=team)
    sessions = selectors.past_sessions(team=team, now=now)
    form = TeamHoursForm(request.POST, members=members, sessions=sessions)
    if form.is_valid():
        data = form.cleaned_data
        volunteer = next(m.user for m in members if m.user_id == data["volunteer"])
        try:
            services.hours_log(
                session_id=data["session"],
                volunteer=volunteer,
                minutes=minutes_of(data["hours"]),
                note=data["note"],
                actor=_user(request),
                now=now,
            )
        except services.VolunteeringError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The hours are logged and approved."))
            return redirect("volunteering:hours", pk=team.pk)
    return _hours_page(request, team, form)


@permission("volunteering.manage_team", obj=_entry)
@require_POST
def hours_decide(request: HttpRequest, pk: int) -> HttpResponse:
    entry: HoursEntry = request.permission_object  # type: ignore[attr-defined]
    approve = request.POST.get("decision") == "approve"
    try:
        services.hours_decide(
            entry_id=entry.pk, actor=_user(request), approve=approve, now=timezone.now()
        )
    except services.VolunteeringError as error:
        messages.error(request, str(error))
        team = selectors.team_detail(municipality=entry.municipality_id, pk=entry.team_id)
        assert team is not None
        response = _hours_page(request, team)
        response.status_code = 400
        return response
    messages.success(
        request, _("The hours are approved.") if approve else _("The hours are not approved.")
    )
    return redirect("volunteering:hours", pk=entry.team_id)


@permission("volunteering.staff", obj=_team)
@require_http_methods(["GET", "POST"])
def ledger(request: HttpRequest, pk: int) -> HttpResponse:
    team: Team = request.permission_object  # type: ignore[attr-defined]
    if request.method == "POST":
        form = ContributionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.contribution_add(
                    team=team,
                    actor=_user(request),
                    data=services.ContributionData(
                        kind=data["kind"],
                        description=data["description"],
                        given_on=data["given_on"],
                        amount=data["amount"],
                        quantity=data["quantity"],
                        unit=data["unit"],
                    ),
                    now=timezone.now(),
                )
            except services.VolunteeringError as error:
                _refuse(form, error)
            else:
                messages.success(request, _("The contribution is added to the ledger."))
                return redirect("volunteering:ledger", pk=team.pk)
    else:
        form = ContributionForm(initial={"given_on": timezone.localdate()})
    return render(
        request,
        "volunteering/staff/ledger.html",
        {
            "team": team,
            "form": form,
            "rows": selectors.contributions_of(team=team),
            "totals": selectors.contribution_totals(team=team),
        },
        status=400 if form.errors else 200,
    )


@permission("volunteering.staff")
@require_GET
def staff(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    programmes = [
        {"programme": p, "teams": selectors.teams_with_totals(programme=p)}
        for p in selectors.programmes_for(municipality=municipality)
    ]
    return render(request, "volunteering/staff/index.html", {"programmes": programmes})


@permission("volunteering.staff")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    today = services.today_in(municipality)
    rows = selectors.certificate_register(municipality=municipality, today=today)
    people = [row.user for row in rows]
    if request.method == "POST":
        form = CertificateForm(request.POST, people=people)
        if form.is_valid():
            volunteer = next(p for p in people if p.pk == form.cleaned_data["volunteer"])
            try:
                services.certificate_record(
                    municipality=municipality,
                    volunteer=volunteer,
                    checked_on=form.cleaned_data["checked_on"],
                    actor=_user(request),
                    now=timezone.now(),
                )
            except services.VolunteeringError as error:
                _refuse(form, error)
            else:
                messages.success(request, _("The check is recorded."))
                return redirect("volunteering:register")
    else:
        form = CertificateForm(people=people, initial={"checked_on": today})
    return render(
        request,
        "volunteering/staff/register.html",
        {
            "rows": rows,
            "missing": sum(1 for r in rows if not r.valid),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
