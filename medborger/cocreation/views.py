"""Co-creation pages. Views parse input, call one service or selector, and render. Refusals from
services come back as CoCreationError and are shown next to the field they concern (status 400),
with what the user typed still in the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medborger.cocreation import selectors, services
from medborger.cocreation.forms import (
    ChairAppointForm,
    ChairRotateForm,
    DecisionForm,
    MeetingForm,
    NotesForm,
    OutputForm,
    PresentForm,
    SendForm,
    TaskForm,
    TaskStatusForm,
)
from medborger.cocreation.models import CoCreationGroup, GroupMeeting, Membership, Output, Task
from medborger.cocreation.rules import can_edit, is_staff_of_group
from medborger.core.permissions import permission
from medborger.fasttrack.texts import kroner
from medborger.places.models import Committee


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _group(request: HttpRequest, pk: int) -> CoCreationGroup:
    """The group if this user may see it; 404 for another municipality's and for a closed group
    the user is not a member of."""
    group = selectors.group_detail(user=request.user, municipality=_municipality(request), pk=pk)
    if group is None:
        raise Http404
    return group


def _plain_group(request: HttpRequest, pk: int) -> CoCreationGroup:
    group = (
        CoCreationGroup.objects.filter(municipality=_municipality(request), pk=pk)
        .select_related("municipality", "committee")
        .first()
    )
    if group is None:
        raise Http404
    return group


def _meeting(request: HttpRequest, pk: int) -> GroupMeeting:
    meeting = (
        GroupMeeting.objects.filter(pk=pk, group__municipality=_municipality(request))
        .select_related("group", "group__municipality")
        .first()
    )
    if meeting is None:
        raise Http404
    return meeting


def _task(request: HttpRequest, pk: int) -> Task:
    task = (
        Task.objects.filter(pk=pk, group__municipality=_municipality(request))
        .select_related("group", "group__municipality")
        .first()
    )
    if task is None:
        raise Http404
    return task


def _visible_output(request: HttpRequest, pk: int) -> Output:
    output = selectors.output_detail(user=request.user, municipality=_municipality(request), pk=pk)
    if output is None:
        raise Http404
    return output


def _output(request: HttpRequest, pk: int) -> Output:
    output = (
        Output.objects.filter(pk=pk, group__municipality=_municipality(request))
        .select_related("group", "group__municipality", "committee", "presented_at")
        .first()
    )
    if output is None:
        raise Http404
    return output


def _refuse(form: Any, error: services.CoCreationError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


def _current_members(group: CoCreationGroup) -> Any:
    today = timezone.localdate()
    return (
        Membership.objects.filter(group=group, joined_on__lte=today)
        .exclude(left_on__lte=today)
        .order_by("joined_on", "pk")
    )


def _form_page(
    request: HttpRequest,
    *,
    form: Any,
    group: CoCreationGroup,
    heading: str,
    lead: str = "",
    submit: str,
    action: str,
    back: str,
    back_label: str,
    output: Output | None = None,
    multipart: bool = False,
) -> HttpResponse:
    return render(
        request,
        "cocreation/form.html",
        {
            "form": form,
            "group": group,
            "heading": heading,
            "lead": lead,
            "submit": submit,
            "action": action,
            "back": back,
            "back_label": back_label,
            "output": output,
            "multipart": multipart,
        },
        status=400 if form.errors else 200,
    )


def _handle(
    request: HttpRequest, form: Any, action: Callable[[dict[str, Any]], Any], done: str
) -> Any:
    """Run the service on a valid form; the result, or None with the refusal put on the form."""
    if not form.is_valid():
        return None
    try:
        result = action(form.cleaned_data)
    except services.CoCreationError as error:
        _refuse(form, error)
        return None
    messages.success(request, done)
    return result if result is not None else True


# --- public pages --------------------------------------------------------------------------------


@permission("cocreation.view_list")
@require_GET
def group_list(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    groups = selectors.group_list(user=request.user, municipality=municipality)
    rows = [
        {"group": g, "chair": g.current_terms[0] if g.current_terms else None}  # type: ignore[attr-defined]
        for g in groups
    ]
    return render(request, "cocreation/list.html", {"rows": rows})


@permission("cocreation.view_group", obj=_group)
@require_GET
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group: CoCreationGroup = request.permission_object  # type: ignore[attr-defined]
    today = timezone.localdate()
    country = group.municipality.country
    outputs = [
        {
            "output": o,
            "requested": kroner(o.requested_amount, country) if o.requested_amount else "",
            "granted": kroner(o.granted_amount, country) if o.granted_amount else "",
        }
        for o in group.outputs.all()
    ]
    return render(
        request,
        "cocreation/group.html",
        {
            "group": group,
            "roster": selectors.roster(group, today=today),
            "chair": selectors.current_chair(group),
            "chair_history": list(group.chair_terms.all()),
            "meetings": list(group.meetings.all()),
            "tasks": selectors.tasks_with_flags(group, today=today),
            "outputs": outputs,
            "can_edit": can_edit(request.user, group),
            "can_decide": is_staff_of_group(request.user, group),
            "status_form": TaskStatusForm(),
        },
    )


@permission("cocreation.view_group", obj=_visible_output)
@require_GET
def output_detail(request: HttpRequest, pk: int) -> HttpResponse:
    output: Output = request.permission_object  # type: ignore[attr-defined]
    country = output.group.municipality.country
    return render(
        request,
        "cocreation/output.html",
        {
            "output": output,
            "group": output.group,
            "requested": kroner(output.requested_amount, country)
            if output.requested_amount
            else "",
            "granted": kroner(output.granted_amount, country) if output.granted_amount else "",
            "can_edit": can_edit(request.user, output.group),
            "can_decide": is_staff_of_group(request.user, output.group),
        },
    )


# --- the group's working material ----------------------------------------------------------------


@permission("cocreation.edit_group", obj=_plain_group)
@require_http_methods(["GET", "POST"])
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    group: CoCreationGroup = request.permission_object  # type: ignore[attr-defined]
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if _handle(
            request,
            form,
            lambda d: services.meeting_add(
                group=group,
                actor=request.user,
                held_on=d["held_on"],
                place=d["place"],
                notes=d["notes"],
                now=timezone.now(),
            ),
            _("The meeting is added."),
        ):
            return redirect(reverse("cocreation:group", args=[group.pk]) + "#meetings-heading")
    else:
        form = MeetingForm(initial={"held_on": timezone.localdate()})
    return _form_page(
        request,
        form=form,
        group=group,
        heading=_("Add a meeting"),
        lead=_("The date, the place and the notes are public."),
        submit=_("Add the meeting"),
        action=reverse("cocreation:meeting_add", args=[group.pk]),
        back=group.get_absolute_url(),
        back_label=group.name,
    )


@permission("cocreation.edit_group", obj=_meeting)
@require_http_methods(["GET", "POST"])
def meeting_notes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting: GroupMeeting = request.permission_object  # type: ignore[attr-defined]
    if request.method == "POST":
        form = NotesForm(request.POST)
        if _handle(
            request,
            form,
            lambda d: services.meeting_notes_save(
                meeting_id=meeting.pk, actor=request.user, notes=d["notes"], now=timezone.now()
            ),
            _("The notes are saved."),
        ):
            return redirect(
                reverse("cocreation:group", args=[meeting.group_id]) + "#meetings-heading"
            )
    else:
        form = NotesForm(initial={"notes": meeting.notes})
    return _form_page(
        request,
        form=form,
        group=meeting.group,
        heading=_("Notes from the meeting on %(date)s")
        % {"date": meeting.held_on.strftime("%d.%m.%Y")},
        lead=meeting.place,
        submit=_("Save the notes"),
        action=reverse("cocreation:meeting_notes", args=[meeting.pk]),
        back=meeting.group.get_absolute_url(),
        back_label=meeting.group.name,
    )


@permission("cocreation.edit_group", obj=_plain_group)
@require_http_methods(["GET", "POST"])
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    group: CoCreationGroup = request.permission_object  # type: ignore[attr-defined]
    members = _current_members(group)
    if request.method == "POST":
        form = TaskForm(request.POST, members=members)
        if _handle(
            request,
            form,
            lambda d: services.task_add(
                group=group,
                actor=request.user,
                title=d["title"],
                owner_id=d["owner"].pk,
                due_on=d["due_on"],
                now=timezone.now(),
            ),
            _("The task is added."),
        ):
            return redirect(reverse("cocreation:group", args=[group.pk]) + "#tasks-heading")
    else:
        form = TaskForm(members=members)
    return _form_page(
        request,
        form=form,
        group=group,
        heading=_("Add a task"),
        lead=_("Every task has one owner in the group and a due date. The list is public."),
        submit=_("Add the task"),
        action=reverse("cocreation:task_add", args=[group.pk]),
        back=group.get_absolute_url(),
        back_label=group.name,
    )


@permission("cocreation.edit_group", obj=_task)
@require_POST
def task_status(request: HttpRequest, pk: int) -> HttpResponse:
    task: Task = request.permission_object  # type: ignore[attr-defined]
    form = TaskStatusForm(request.POST)
    if _handle(
        request,
        form,
        lambda d: services.task_set_status(
            task_id=task.pk, actor=request.user, status=d["status"], now=timezone.now()
        ),
        _("The task is updated."),
    ):
        return redirect(reverse("cocreation:group", args=[task.group_id]) + "#tasks-heading")
    return _form_page(
        request,
        form=form,
        group=task.group,
        heading=_("Change the status of the task"),
        lead=task.title,
        submit=_("Save"),
        action=reverse("cocreation:task_status", args=[task.pk]),
        back=task.group.get_absolute_url(),
        back_label=task.group.name,
    )


# --- the chair -----------------------------------------------------------------------------------


def _chair_page(
    request: HttpRequest, group: CoCreationGroup, *, status: int = 200, **forms: Any
) -> HttpResponse:
    members = _current_members(group)
    context: dict[str, Any] = {
        "group": group,
        "chair": services.current_chair_term(group),
        "history": list(group.chair_terms.select_related("member").order_by("-started_on", "-pk")),
        "rule_applies": services.chair_rule_applies(group),
        "rotate_form": ChairRotateForm(initial={"on": timezone.localdate()}),
        "appoint_form": ChairAppointForm(members=members, initial={"on": timezone.localdate()}),
    }
    context.update(forms)
    return render(request, "cocreation/chair.html", context, status=status)


@permission("cocreation.edit_group", obj=_plain_group)
@require_GET
def chair(request: HttpRequest, pk: int) -> HttpResponse:
    return _chair_page(request, request.permission_object)  # type: ignore[attr-defined]


@permission("cocreation.edit_group", obj=_plain_group)
@require_POST
def chair_rotate(request: HttpRequest, pk: int) -> HttpResponse:
    group: CoCreationGroup = request.permission_object  # type: ignore[attr-defined]
    form = ChairRotateForm(request.POST)
    term = _handle(
        request,
        form,
        lambda d: services.chair_rotate(
            group_id=group.pk, actor=request.user, on=d["on"], now=timezone.now()
        ),
        _("The chair has passed on."),
    )
    if term:
        return redirect("cocreation:chair", pk=group.pk)
    return _chair_page(request, group, status=400, rotate_form=form)


@permission("cocreation.edit_group", obj=_plain_group)
@require_POST
def chair_appoint(request: HttpRequest, pk: int) -> HttpResponse:
    group: CoCreationGroup = request.permission_object  # type: ignore[attr-defined]
    form = ChairAppointForm(request.POST, members=_current_members(group))
    term = _handle(
        request,
        form,
        lambda d: services.chair_appoint(
            group_id=group.pk,
            member_id=d["member"].pk,
            actor=request.user,
            on=d["on"],
            now=timezone.now(),
        ),
        _("The new chair is recorded."),
    )
    if term:
        return redirect("cocreation:chair", pk=group.pk)
    return _chair_page(request, group, status=400, appoint_form=form)


# --- outputs and their trail ---------------------------------------------------------------------


@permission("cocreation.edit_group", obj=_plain_group)
@require_http_methods(["GET", "POST"])
def output_add(request: HttpRequest, pk: int) -> HttpResponse:
    group: CoCreationGroup = request.permission_object  # type: ignore[attr-defined]
    if request.method == "POST":
        form = OutputForm(request.POST, request.FILES)
        output = _handle(
            request,
            form,
            lambda d: services.output_add(
                group=group,
                actor=request.user,
                title=d["title"],
                text=d["text"],
                attachments=[
                    services.AttachmentData(file=d["attachment"], title=d["attachment_title"])
                ]
                if d["attachment"]
                else [],
                now=timezone.now(),
            ),
            _("The output is published. Followers of the group are told."),
        )
        if output:
            return redirect(output.get_absolute_url())
    else:
        form = OutputForm()
    return _form_page(
        request,
        form=form,
        group=group,
        heading=_("Publish an output"),
        lead=_(
            "For example a vision plan. It is public at once, and the group's followers are told."
        ),
        submit=_("Publish"),
        action=reverse("cocreation:output_add", args=[group.pk]),
        back=group.get_absolute_url(),
        back_label=group.name,
        multipart=True,
    )


def _step_page(
    request: HttpRequest, output: Output, form: Any, *, heading: str, submit: str, url: str
) -> HttpResponse:
    return _form_page(
        request,
        form=form,
        group=output.group,
        heading=heading,
        submit=submit,
        action=reverse(url, args=[output.pk]),
        back=output.get_absolute_url(),
        back_label=output.title,
        output=output,
    )


@permission("cocreation.edit_group", obj=_output)
@require_http_methods(["GET", "POST"])
def output_present(request: HttpRequest, pk: int) -> HttpResponse:
    output: Output = request.permission_object  # type: ignore[attr-defined]
    meetings = selectors.past_meetings(
        municipality=output.group.municipality, today=timezone.localdate()
    )
    if request.method == "POST":
        form = PresentForm(request.POST, meetings=meetings)
        if _handle(
            request,
            form,
            lambda d: services.output_present(
                output_id=output.pk,
                actor=request.user,
                meeting=d["meeting"],
                on=d["on"],
                note=d["note"],
                now=timezone.now(),
            ),
            _("The step is added to the public trail."),
        ):
            return redirect(output.get_absolute_url())
    else:
        form = PresentForm(meetings=meetings, initial={"on": timezone.localdate()})
    return _step_page(
        request,
        output,
        form,
        heading=_("Presented at a citizens' meeting"),
        submit=_("Add to the trail"),
        url="cocreation:output_present",
    )


@permission("cocreation.edit_group", obj=_output)
@require_http_methods(["GET", "POST"])
def output_send(request: HttpRequest, pk: int) -> HttpResponse:
    output: Output = request.permission_object  # type: ignore[attr-defined]
    committees = Committee.objects.filter(municipality=output.group.municipality_id)
    if request.method == "POST":
        form = SendForm(request.POST, committees=committees)
        if _handle(
            request,
            form,
            lambda d: services.output_send(
                output_id=output.pk,
                actor=request.user,
                committee=d["committee"],
                requested_amount=d["requested_amount"],
                on=d["on"],
                note=d["note"],
                now=timezone.now(),
            ),
            _("The step is added to the public trail."),
        ):
            return redirect(output.get_absolute_url())
    else:
        form = SendForm(
            committees=committees,
            initial={"on": timezone.localdate(), "committee": output.group.committee_id},
        )
    return _step_page(
        request,
        output,
        form,
        heading=_("Sent to a committee"),
        submit=_("Add to the trail"),
        url="cocreation:output_send",
    )


@permission("cocreation.record_decision", obj=_output)
@require_http_methods(["GET", "POST"])
def output_decide(request: HttpRequest, pk: int) -> HttpResponse:
    output: Output = request.permission_object  # type: ignore[attr-defined]
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if _handle(
            request,
            form,
            lambda d: services.output_decide(
                output_id=output.pk,
                actor=request.user,
                granted=d["decision"] == "granted",
                amount=d["amount"],
                on=d["on"],
                text=d["text"],
                now=timezone.now(),
            ),
            _("The decision is added to the public trail."),
        ):
            return redirect(output.get_absolute_url())
    else:
        form = DecisionForm(initial={"on": timezone.localdate(), "amount": output.requested_amount})
    return _step_page(
        request,
        output,
        form,
        heading=_("The committee's decision"),
        submit=_("Add to the trail"),
        url="cocreation:output_decide",
    )
