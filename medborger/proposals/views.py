"""Citizen proposal pages. Views parse input, call one service or selector, and render.
Refusals from services come back as ProposalError and are shown next to the form (status 400),
with what the user typed still in it."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from medborger.accounts.models import Role, User
from medborger.core.permissions import permission
from medborger.domain.lifecycle.calendar import days_left
from medborger.domain.lifecycle.proposals import TRANSITIONS, Event, accepts_support, progress
from medborger.domain.numbers import whole_number
from medborger.proposals import selectors, services
from medborger.proposals.forms import (
    AnswerForm,
    ApproveForm,
    FinishForm,
    ListFilterForm,
    PaperSupportForm,
    ProposalForm,
    QuestionAnswerForm,
    QuestionForm,
    ReferralForm,
    RejectForm,
    SupportForm,
    WithdrawForm,
)
from medborger.proposals.models import Decision, Proposal, Question
from medborger.proposals.texts import EVENT_LABELS, ROLE_LABELS, STATE_HELP, STATE_LABELS

PAGE_SIZE = 20


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _visible(request: HttpRequest, pk: int) -> Proposal:
    """The proposal if this user may see it; 404 for other municipalities and hidden drafts."""
    proposal = selectors.proposal_detail(
        user=request.user, municipality=_municipality(request), pk=pk
    )
    if proposal is None:
        raise Http404
    return proposal


def _staff_proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = selectors.proposal_for_staff(municipality=_municipality(request), pk=pk)
    if proposal is None:
        raise Http404
    return proposal


def _question(request: HttpRequest, pk: int) -> Question:
    question = (
        Question.objects.select_related("proposal")
        .filter(pk=pk, proposal__municipality=_municipality(request))
        .first()
    )
    if question is None:
        raise Http404
    return question


def _user(request: HttpRequest) -> User:
    """The signed-in user; every view that calls this declares a rule that needs one."""
    return cast(User, request.user)


def _status(form_errors: bool) -> int:
    return 400 if form_errors else 200


# --- public pages ---------------------------------------------------------------------------


@permission("proposals.view_list")
@require_safe
def proposal_list(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    form = ListFilterForm(request.GET or None, municipality=municipality)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ListFilters(
        status=data.get("status") or "collecting",
        area=data.get("area") or "",
        topic=data.get("topic") or "",
        sdg=data.get("sdg"),
        q=data.get("q") or "",
        sort=data.get("sort") or "newest",
    )
    proposals = selectors.proposal_list(
        user=request.user,
        municipality=municipality,
        filters=filters,
        language=municipality.default_language,  # the text's language, not the reader's
    )
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("side"))
    now = timezone.now()
    rows = [
        {
            "proposal": p,
            "percent": int(progress(p.support_count, p.threshold or 1) * 100),
            "days_left": days_left(p.collection_ends, now) if p.collection_ends else None,
            "state_label": STATE_LABELS.get(p.state, p.state),
        }
        for p in page.object_list
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "filters": filters,
        "query_string": _query_without_page(request),
    }
    htmx = getattr(request, "htmx", None)
    # A history restore asks for the whole page, not the results block.
    partial = bool(htmx) and not htmx.history_restore_request  # type: ignore[union-attr]
    template = "proposals/partials/_results.html" if partial else "proposals/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("side", None)
    return query.urlencode()


@permission("proposals.view", obj=_visible)
@require_safe
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    return render(request, "proposals/detail.html", _detail_context(request, proposal))


def _event_label(kind: str, proposal: Proposal) -> str:
    label = str(EVENT_LABELS.get(kind, kind))
    if kind == Event.ANSWER.value and proposal.decision:
        return f"{label}: {Decision(proposal.decision).label}"
    return label


def _detail_context(request: HttpRequest, proposal: Proposal, **extra: Any) -> dict[str, Any]:
    now = timezone.now()
    user = request.user
    support = selectors.support_of(user, proposal)
    refusal = None
    rules = selectors.rules_of(proposal.municipality)
    can_be_supported = accepts_support(proposal.state_enum, proposal.collection_ends, now)
    if user.is_authenticated and support is None and can_be_supported:
        refusal = services.refusal_for(
            user=user,
            proposal=proposal,
            required_level=rules.support_assurance,
            today=now.date(),
            rules=rules,
        )
    is_proposer = selectors.is_proposer(user, proposal)
    context = {
        "proposal": proposal,
        "state_label": STATE_LABELS.get(proposal.state, proposal.state),
        "state_help": STATE_HELP.get(proposal.state, ""),
        "can_be_supported": can_be_supported,
        "can_withdraw": proposal.author_id == getattr(user, "pk", None)
        and (proposal.state_enum, Event.WITHDRAW) in TRANSITIONS,
        "events": [
            {
                "event": e,
                "label": _event_label(e.kind, proposal),
                "role": ROLE_LABELS.get(e.actor_role, e.actor_role),
            }
            for e in proposal.public_events  # type: ignore[attr-defined]
        ],
        "percent": int(progress(proposal.support_count, proposal.threshold or 1) * 100),
        "days_left": days_left(proposal.collection_ends, now) if proposal.collection_ends else None,
        "support": support,
        "support_refusal": services.refusal_text(refusal, rules) if refusal else "",
        "support_form": SupportForm(),
        "named_supporters": selectors.named_supporters(proposal),
        "is_proposer": is_proposer,
        "coproposers": selectors.coproposers_of(proposal),
        "questions": selectors.questions_for(proposal)
        if is_proposer or selectors.is_staff_in(user, proposal.municipality)
        else [],
        "question_form": QuestionForm(),
        "withdraw_form": WithdrawForm(),
        "answer_overdue": proposal.answer_due is not None
        and now > proposal.answer_due
        and proposal.state == "referred",
    }
    context.update(extra)
    return context


@permission("proposals.view_list")
@require_safe
def rules_page(request: HttpRequest) -> HttpResponse:
    rules = selectors.rules_of(_municipality(request))
    return render(
        request,
        "proposals/rules.html",
        {
            "rules": rules,
            "state_help": [(STATE_LABELS[key], STATE_HELP[key]) for key in STATE_LABELS],
        },
    )


# --- writing --------------------------------------------------------------------------------


def _draft_data(form: ProposalForm) -> services.DraftData:
    data = form.cleaned_data
    return services.DraftData(
        title=data["title"],
        summary=data["summary"],
        body=data["body"],
        area=data["area"],
        topics=list(data["topics"]),
        sdgs=list(data["sdgs"]),
        latitude=data["latitude"],
        longitude=data["longitude"],
        image=data.get("image"),
        image_alt=data.get("image_alt", ""),
    )


@permission("proposals.create")
@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    municipality = _municipality(request)
    form = (
        ProposalForm(request.POST, request.FILES, municipality=municipality)
        if request.method == "POST"
        else ProposalForm(municipality=municipality)
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_save_draft(
                author=_user(request),
                municipality=municipality,
                data=_draft_data(form),
                now=timezone.now(),
            )
        except services.ProposalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your draft is saved. Check it, then submit it."))
            return redirect("proposals:edit", pk=proposal.pk)
    return render(
        request,
        "proposals/form.html",
        {"form": form, "proposal": None},
        status=_status(bool(form.errors)),
    )


def _own_draft(request: HttpRequest, pk: int) -> Proposal:
    """The proposal to edit or submit; 404, as its own page, to anyone signed in who may not see
    it, so the edit URL does not tell that a draft with this id exists."""
    proposal = Proposal.objects.filter(pk=pk, municipality=_municipality(request)).first()
    if proposal is None:
        raise Http404
    if request.user.is_authenticated and not request.user.has_perm("proposals.view", proposal):
        raise Http404
    return proposal


@permission("proposals.edit", obj=_own_draft)
@require_http_methods(["GET", "POST"])
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    municipality = proposal.municipality
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, municipality=municipality)
        if form.is_valid():
            try:
                services.proposal_save_draft(
                    author=_user(request),
                    municipality=municipality,
                    data=_draft_data(form),
                    now=timezone.now(),
                    proposal=proposal,
                )
            except services.ProposalError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your draft is saved."))
                return redirect("proposals:edit", pk=proposal.pk)
    else:
        form = ProposalForm(
            municipality=municipality,
            initial={
                "title": proposal.title,
                "summary": proposal.summary,
                "body": proposal.body,
                "area": proposal.area_id,
                "topics": list(proposal.topics.all()),
                "sdgs": list(proposal.sdgs.all()),
                "latitude": proposal.latitude,
                "longitude": proposal.longitude,
                "image_alt": proposal.image_alt,
            },
        )
    similar = selectors.similar_proposals(
        municipality=municipality,
        text=f"{proposal.title} {proposal.summary}",
        language=municipality.default_language,
        exclude_pk=proposal.pk,
    )
    return render(
        request,
        "proposals/form.html",
        {"form": form, "proposal": proposal, "similar": similar},
        status=_status(bool(form.errors)),
    )


@permission("proposals.view_list")
@require_POST
def similar_preview(request: HttpRequest) -> HttpResponse:
    """htmx: published proposals like the one being written, while the author types."""
    municipality = _municipality(request)
    text = f"{request.POST.get('title', '')} {request.POST.get('summary', '')}"[:1000]
    exclude = request.POST.get("exclude", "")
    similar = selectors.similar_proposals(
        municipality=municipality,
        text=text,
        language=municipality.default_language,
        exclude_pk=whole_number(exclude),
    )
    return render(request, "proposals/partials/_similar.html", {"similar": similar})


@permission("proposals.submit", obj=_own_draft)
@require_POST
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        services.proposal_submit(proposal_id=pk, user=request.user, now=timezone.now())  # type: ignore[arg-type]
    except services.ProposalError as error:
        messages.error(request, str(error))
        return redirect("proposals:edit", pk=pk)
    messages.success(
        request, _("Your proposal is submitted. Share the link with your co-proposers.")
    )
    return redirect("proposals:detail", pk=pk)


@permission("proposals.withdraw", obj=_visible)
@require_POST
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        # A reason that is too long (or has a NUL byte) is refused with the text kept, not
        # dropped while the proposal is withdrawn anyway.
        proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
        return render(
            request,
            "proposals/detail.html",
            _detail_context(request, proposal, withdraw_form=form),
            status=400,
        )
    try:
        services.proposal_withdraw(
            proposal_id=pk,
            user=request.user,  # type: ignore[arg-type]
            reason=form.cleaned_data.get("reason", ""),
            now=timezone.now(),
        )
    except services.ProposalError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The proposal is withdrawn."))
    return redirect("proposals:detail", pk=pk)


def _by_token(request: HttpRequest, token: str) -> Proposal:
    proposal = (
        Proposal.objects.filter(coproposer_token=token, municipality=_municipality(request))
        .select_related("author", "area")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


@permission("proposals.coproposer_join", obj=lambda request, token: _by_token(request, token))
@require_http_methods(["GET", "POST"])
def coproposer_join(request: HttpRequest, token: str) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    error = ""
    if request.method == "POST":
        try:
            services.coproposer_join(
                proposal_id=proposal.pk,
                user=request.user,  # type: ignore[arg-type]
                token=token,
                now=timezone.now(),
            )
        except services.ProposalError as refusal:
            error = str(refusal)
        else:
            messages.success(request, _("Thank you. You are now a co-proposer."))
            return redirect("proposals:detail", pk=proposal.pk)
    return render(
        request,
        "proposals/coproposer_join.html",
        {"proposal": proposal, "error": error},
        status=400 if error else 200,
    )


# --- supporting -----------------------------------------------------------------------------


@permission("proposals.support", obj=_visible)
@require_POST
def support_add(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    form = SupportForm(request.POST)
    form.is_valid()
    error = ""
    try:
        services.support_add(
            proposal_id=pk,
            user=request.user,  # type: ignore[arg-type]
            show_name=form.cleaned_data.get("show_name", False),
            now=timezone.now(),
        )
    except services.ProposalError as refusal:
        error = str(refusal)
    return _support_response(
        request, proposal, error, _("Thank you for your support.") if not error else ""
    )


@permission("proposals.support", obj=_visible)
@require_POST
def support_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    error = ""
    try:
        services.support_withdraw(proposal_id=pk, user=request.user, now=timezone.now())  # type: ignore[arg-type]
    except services.ProposalError as refusal:
        error = str(refusal)
    return _support_response(
        request, proposal, error, _("Your support is withdrawn.") if not error else ""
    )


def _support_response(
    request: HttpRequest, proposal: Proposal, error: str, done: str
) -> HttpResponse:
    if getattr(request, "htmx", False):
        fresh = selectors.proposal_detail(
            user=request.user, municipality=proposal.municipality, pk=proposal.pk
        )
        context = _detail_context(
            request, fresh or proposal, support_error=error, support_done=done
        )
        return render(
            request, "proposals/partials/_support.html", context, status=400 if error else 200
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, done)
    return redirect(f"{proposal.get_absolute_url()}#stoet")


@permission("proposals.ask", obj=_visible)
@require_POST
def question_ask(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_ask(
                proposal_id=pk,
                user=request.user,  # type: ignore[arg-type]
                text=form.cleaned_data["text"],
                now=timezone.now(),
            )
        except services.ProposalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your question is sent to the contact person."))
            return redirect(f"{proposal.get_absolute_url()}#spoergsmaal")
    return render(
        request,
        "proposals/detail.html",
        _detail_context(request, proposal, question_form=form),
        status=400,
    )


# --- staff ----------------------------------------------------------------------------------


@permission("proposals.staff")
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    queues = selectors.staff_queues(municipality=_municipality(request), now=timezone.now())
    return render(
        request, "proposals/staff/dashboard.html", {"queues": queues, "now": timezone.now()}
    )


def _case_officers(municipality: Any) -> Any:
    return (
        User.objects.filter(
            role_assignments__municipality=municipality,
            role_assignments__role__in=[Role.CASE_OFFICER, Role.MUNICIPAL_ADMIN],
        )
        .distinct()
        .order_by("name")
    )


@permission("proposals.staff", obj=_staff_proposal)
def staff_case(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    return render(request, "proposals/staff/case.html", _staff_context(proposal))


def _staff_context(proposal: Proposal, **forms: Any) -> dict[str, Any]:
    municipality = proposal.municipality
    context: dict[str, Any] = {
        "proposal": proposal,
        "state_label": STATE_LABELS.get(proposal.state, proposal.state),
        "accepts_support": accepts_support(
            proposal.state_enum, proposal.collection_ends, timezone.now()
        ),
        "approve_form": ApproveForm(
            staff_queryset=_case_officers(municipality),
            initial={"contact_person": proposal.contact_person_id},
        ),
        "reject_form": RejectForm(),
        "paper_form": PaperSupportForm(),
        "referral_form": ReferralForm(
            municipality=municipality,
            initial={
                "committee": proposal.committee_id,
                "case_number": proposal.case_number,
                "meeting_at": proposal.meeting_at,
            },
        ),
        "answer_form": AnswerForm(),
        "finish_form": FinishForm(),
        "questions": selectors.questions_for(proposal),
        "answer_forms": {},
    }
    context.update(forms)
    return context


def _staff_post(
    request: HttpRequest,
    proposal: Proposal,
    form: Any,
    form_name: str,
    action: Any,
    done: str,
    **extra: Any,
) -> HttpResponse:
    """Validate a staff form, run the service, and show the case again with any refusal."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except services.ProposalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, done)
            return redirect("proposals:staff_case", pk=proposal.pk)
    return render(
        request,
        "proposals/staff/case.html",
        _staff_context(proposal, **{form_name: form}, **extra),
        status=400,
    )


@permission("proposals.review", obj=_staff_proposal)
@require_POST
def staff_approve(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    form = ApproveForm(request.POST, staff_queryset=_case_officers(proposal.municipality))
    return _staff_post(
        request,
        proposal,
        form,
        "approve_form",
        lambda d: services.proposal_review_approve(
            proposal_id=pk,
            reviewer=_user(request),
            contact_person=d["contact_person"],
            now=timezone.now(),
        ),
        _("The proposal is published and collects support."),
    )


@permission("proposals.review", obj=_staff_proposal)
@require_POST
def staff_reject(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    return _staff_post(
        request,
        proposal,
        RejectForm(request.POST),
        "reject_form",
        lambda d: services.proposal_review_reject(
            proposal_id=pk,
            reviewer=_user(request),
            reason=d["reason"],
            rule=d["rule"],
            now=timezone.now(),
        ),
        _("The proposal is rejected. The reason is public."),
    )


@permission("proposals.enter_paper", obj=_staff_proposal)
@require_POST
def staff_paper_support(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    return _staff_post(
        request,
        proposal,
        PaperSupportForm(request.POST),
        "paper_form",
        lambda d: services.paper_support_add(
            proposal_id=pk, staff=_user(request), now=timezone.now(), **d
        ),
        _("The signature is counted."),
    )


@permission("proposals.refer", obj=_staff_proposal)
@require_POST
def staff_referral(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    form = ReferralForm(request.POST, municipality=proposal.municipality)
    return _staff_post(
        request,
        proposal,
        form,
        "referral_form",
        lambda d: services.proposal_referral_update(
            proposal_id=pk,
            secretary=_user(request),
            committee=d["committee"],
            case_number=d["case_number"],
            meeting_at=d["meeting_at"],
            now=timezone.now(),
        ),
        _("The committee's meeting is saved."),
    )


@permission("proposals.answer", obj=_staff_proposal)
@require_POST
def staff_answer(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    return _staff_post(
        request,
        proposal,
        AnswerForm(request.POST, request.FILES),
        "answer_form",
        lambda d: services.proposal_answer(
            proposal_id=pk,
            secretary=_user(request),
            decision=d["decision"],
            answer_text=d["answer_text"],
            now=timezone.now(),
            attachment=d.get("attachment"),
            attachment_title=d.get("attachment_title", ""),
        ),
        _("The answer is published."),
    )


@permission("proposals.finish", obj=_staff_proposal)
@require_POST
def staff_finish(request: HttpRequest, pk: int) -> HttpResponse:
    proposal: Proposal = request.permission_object  # type: ignore[attr-defined]
    return _staff_post(
        request,
        proposal,
        FinishForm(request.POST),
        "finish_form",
        lambda d: services.proposal_finish(
            proposal_id=pk,
            staff=_user(request),
            implemented=d["implemented"],
            note=d["note"],
            now=timezone.now(),
        ),
        _("The case is updated."),
    )


@permission("proposals.answer_question", obj=lambda request, pk: _question(request, pk).proposal)
@require_POST
def staff_question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    form = QuestionAnswerForm(request.POST)
    proposal = selectors.proposal_for_staff(
        municipality=_municipality(request), pk=question.proposal_id
    )
    assert proposal is not None
    return _staff_post(
        request,
        proposal,
        form,
        "question_answer_form",
        lambda d: services.question_answer(
            question_id=pk, staff=_user(request), answer=d["answer"], now=timezone.now()
        ),
        _("Your answer is sent."),
        answer_question_id=pk,
    )
