"""Hearing pages. Views parse input, call one service or selector, and render. Refusals from
services come back as HearingError and are shown next to the field they concern (status 400, or
409 when the hearing has closed), with what the user typed still in the form."""

from __future__ import annotations

import mimetypes
from typing import Any, cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from medborger.accounts.models import User
from medborger.core.permissions import permission
from medborger.domain.numbers import whole_number
from medborger.hearings import selectors, services
from medborger.hearings.forms import ReplyForm, ResponseForm, ThemeForm
from medborger.hearings.models import Hearing, HearingResponse
from medborger.hearings.report_pdf import report_pdf
from medborger.hearings.texts import STATUS_LABELS


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _hearing(request: HttpRequest, pk: int, **_kwargs: Any) -> Hearing:
    hearing = selectors.hearing_detail(
        user=request.user, municipality=_municipality(request), pk=pk
    )
    if hearing is None:
        raise Http404
    return hearing


def _staff_hearing(request: HttpRequest, pk: int) -> Hearing:
    """The same lookup as the public pages (staff see unpublished hearings too); the rule then
    refuses anyone who is not staff with 403."""
    return _hearing(request, pk)


def _response_with_files(request: HttpRequest, pk: int, **_kwargs: Any) -> HearingResponse:
    response = selectors.response_files_target(municipality=_municipality(request), pk=pk)
    if response is None:
        raise Http404
    return response


def _staff_response(request: HttpRequest, pk: int) -> HearingResponse:
    response = selectors.response_for_staff(municipality=_municipality(request), pk=pk)
    if response is None:
        raise Http404
    return response


def _status(hearing: Hearing) -> dict[str, Any]:
    status = hearing.status(now=timezone.now())
    return {"status": status.value, "status_label": STATUS_LABELS[status.value]}


def _refuse(form: Any, error: services.HearingError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, str(error))


# --- public pages --------------------------------------------------------------------------------


@permission("hearings.view_list")
@require_GET
def hearing_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    groups: dict[str, list[Any]] = {"open": [], "upcoming": [], "closed": []}
    for hearing in selectors.hearings_visible_to(
        user=request.user, municipality=_municipality(request)
    ).order_by("closes_at", "pk"):
        groups[hearing.status(now=now).value].append(hearing)
    groups["closed"].reverse()  # the latest closed first
    return render(request, "hearings/list.html", {"groups": groups})


@permission("hearings.view", obj=_hearing)
@require_GET
def hearing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hearing: Hearing = request.permission_object  # type: ignore[attr-defined]
    return render(
        request,
        "hearings/detail.html",
        {
            "hearing": hearing,
            "own": selectors.own_responses(user=request.user, hearing=hearing),
            **_status(hearing),
        },
    )


@permission("hearings.view", obj=_hearing)
@require_GET
def document_download(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    hearing: Hearing = request.permission_object  # type: ignore[attr-defined]
    document = next((d for d in hearing.documents.all() if d.pk == document_pk), None)
    if document is None or not document.file:
        raise Http404
    name = document.file.name.rsplit("/", 1)[-1]
    return FileResponse(
        document.file.open("rb"),
        filename=name,
        as_attachment=not name.lower().endswith(".pdf"),
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )


def _response_form(
    request: HttpRequest, hearing: Hearing, organisations: list[Any], data: Any = None
) -> ResponseForm:
    organisation_id = whole_number((data or request.GET).get("organisation"))
    existing = selectors.own_response(
        user=request.user, hearing=hearing, organisation_id=organisation_id
    )
    attachments = list(existing.attachments.all()) if existing else []
    kwargs: dict[str, Any] = {
        "sections": hearing.sections.all(),
        "organisations": organisations,
        "existing_attachments": attachments,
    }
    if data is not None:
        return ResponseForm(data, request.FILES, **kwargs)
    initial: dict[str, Any] = {"organisation": organisation_id}
    if existing is not None:
        initial.update(
            stance=existing.stance,
            comment=existing.comment,
            publish_name=existing.publish_name,
            **{f"section_{c.section_id}": c.text for c in existing.section_comments.all()},
        )
    form = ResponseForm(initial=initial, **kwargs)
    form.existing = existing  # type: ignore[attr-defined]
    return form


@permission("hearings.respond", obj=_hearing)
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    hearing: Hearing = request.permission_object  # type: ignore[attr-defined]
    now = timezone.now()
    organisations = services.responsible_organisations(
        user=request.user, municipality=hearing.municipality
    )
    status = 200
    if request.method == "POST":
        form = _response_form(request, hearing, organisations, data=request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                _response, created = services.response_submit(
                    hearing=hearing,
                    user=_user(request),
                    data=services.ResponseData(
                        comment=data["comment"],
                        stance=data["stance"] or "",
                        publish_name=data["publish_name"],
                        organisation_id=data["organisation"],
                        sections=form.section_texts(),
                    ),
                    attachments=data["attachments"],
                    remove_attachments=data.get("remove_attachments") or [],
                    now=now,
                )
            except services.HearingError as error:
                _refuse(form, error)
                status = error.status
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your response is sent. You can change it until the hearing closes."
                    )
                    if created
                    else _("Your response is changed."),
                )
                return redirect(f"{hearing.get_absolute_url()}#mine")
        else:
            status = 400
            if not hearing.is_open(now=now):
                form.add_error(None, services.closed_message(hearing))
                status = 409
    else:
        form = _response_form(request, hearing, organisations)
    return render(
        request,
        "hearings/respond.html",
        {
            "hearing": hearing,
            "form": form,
            "is_open": hearing.is_open(now=now),
            "closed_message": services.closed_message(hearing),
            **_status(hearing),
        },
        status=status,
    )


@permission("hearings.view", obj=_hearing)
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    hearing: Hearing = request.permission_object  # type: ignore[attr-defined]
    if not hearing.is_closed(now=timezone.now()):
        return render(
            request, "hearings/report_pending.html", {"hearing": hearing, **_status(hearing)}
        )
    return render(
        request,
        "hearings/report.html",
        {"hearing": hearing, "report": selectors.hearing_report(hearing=hearing)},
    )


@permission("hearings.view", obj=_hearing)
@require_GET
def report_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    hearing: Hearing = request.permission_object  # type: ignore[attr-defined]
    if not hearing.is_closed(now=timezone.now()):
        raise Http404
    pdf = report_pdf(selectors.hearing_report(hearing=hearing), language=get_language() or "da")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="hoeringsnotat-{hearing.pk}.pdf"'
    response["Cache-Control"] = "no-cache"
    return response


@permission("hearings.view_response_files", obj=_response_with_files)
@require_GET
def response_file(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    response: HearingResponse = request.permission_object  # type: ignore[attr-defined]
    attachment = next((a for a in response.attachments.all() if a.pk == attachment_pk), None)
    if attachment is None:
        raise Http404
    return FileResponse(
        attachment.file.open("rb"),
        filename=attachment.name,
        as_attachment=True,
        content_type=mimetypes.guess_type(attachment.name)[0] or "application/octet-stream",
    )


# --- staff ---------------------------------------------------------------------------------------


@permission("hearings.staff")
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    hearings = [
        {
            "hearing": h,
            "status": h.status(now=now).value,
            "status_label": STATUS_LABELS[h.status(now=now).value],
        }
        for h in selectors.staff_hearings(municipality=_municipality(request))
    ]
    return render(request, "hearings/staff/list.html", {"rows": hearings})


def _staff_hearing_page(
    request: HttpRequest, hearing: Hearing, theme_form: ThemeForm | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "hearings/staff/hearing.html",
        {
            "hearing": hearing,
            "responses": [
                {"response": r, "author": selectors.author_label(r)}
                for r in selectors.responses_of(hearing=hearing)
            ],
            "theme_form": theme_form or ThemeForm(),
            "is_closed": hearing.is_closed(now=timezone.now()),
            **_status(hearing),
        },
        status=status,
    )


@permission("hearings.staff", obj=_staff_hearing)
@require_GET
def staff_hearing(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_hearing_page(request, request.permission_object)  # type: ignore[attr-defined]


@permission("hearings.reply", obj=_staff_hearing)
@require_POST
def staff_theme_add(request: HttpRequest, pk: int) -> HttpResponse:
    hearing: Hearing = request.permission_object  # type: ignore[attr-defined]
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            services.theme_add(
                hearing=hearing,
                official=_user(request),
                name=form.cleaned_data["name"],
                now=timezone.now(),
            )
        except services.HearingError as error:
            _refuse(form, error)
        else:
            messages.success(request, _("The theme is added."))
            return redirect("hearings:staff_hearing", pk=hearing.pk)
    return _staff_hearing_page(request, hearing, theme_form=form, status=400)


@permission("hearings.reply", obj=_staff_response)
@require_http_methods(["GET", "POST"])
def staff_response(request: HttpRequest, pk: int) -> HttpResponse:
    response: HearingResponse = request.permission_object  # type: ignore[attr-defined]
    hearing = response.hearing
    themes = list(hearing.themes.order_by("name"))
    status = 200
    if request.method == "POST":
        form = ReplyForm(request.POST, themes=themes)
        if form.is_valid():
            try:
                services.response_reply(
                    response_id=response.pk,
                    official=_user(request),
                    reply=form.cleaned_data["reply"],
                    theme_ids=form.cleaned_data["themes"],
                    now=timezone.now(),
                )
            except services.HearingError as error:
                _refuse(form, error)
            else:
                messages.success(request, _("The reply and themes are saved."))
                return redirect("hearings:staff_hearing", pk=hearing.pk)
        status = 400
    else:
        form = ReplyForm(
            initial={"reply": response.reply, "themes": [t.pk for t in response.themes.all()]},
            themes=themes,
        )
    return render(
        request,
        "hearings/staff/response.html",
        {
            "hearing": hearing,
            "response": response,
            "author": selectors.author_label(response),
            "form": form,
            "is_closed": hearing.is_closed(now=timezone.now()),
        },
        status=status,
    )
