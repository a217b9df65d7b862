"""Comment pages and form posts. Every post works as a plain form (redirect back to the comment)
and with htmx (the section's partial comes back). Refusals keep what the user typed (400)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from medborger.comments.forms import CommentEditForm, CommentForm, HideForm, ReportForm
from medborger.comments.models import Comment
from medborger.comments.selectors import (
    FOCUS_PARAMETER,
    PAGE_PARAMETER,
    CommentNode,
    QueueItem,
    comment_ids_reported_by,
    comment_in,
    comment_on,
    comment_target,
    comment_threads,
    moderation_queue,
    queue_items,
    thread_page_of,
    walk,
)
from medborger.comments.services import (
    CommentError,
    comment_create,
    comment_edit,
    comment_hide,
    comment_report,
    comment_restore,
    reports_dismiss,
)
from medborger.core import registry
from medborger.core.permissions import permission
from medborger.domain.numbers import whole_number

QUEUE = "queue"


@dataclass
class Bound:
    """A posted form that was refused, to show again where it was filled in."""

    kind: str  # new, reply, edit, report, hide
    form: forms.Form
    comment_pk: int | None = None


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _dom_id(target: Model) -> str:
    return f"comments-{target._meta.label_lower.replace('.', '-')}-{target.pk}"


def _target_url(target: Model) -> str:
    registration = registry.registration_for(target)
    return registration.url(target) if registration is not None else "/"


def _node_forms(node: CommentNode) -> None:
    comment = node.comment
    prefix = f"comment-{comment.pk}"
    if node.can_reply:
        node.forms["reply"] = CommentForm(
            auto_id=f"{prefix}-reply-%s", initial={"parent": comment.pk}
        )
    if node.can_edit:
        node.forms["edit"] = CommentEditForm(
            auto_id=f"{prefix}-edit-%s", initial={"body": comment.body}
        )
    if node.can_report:
        node.forms["report"] = ReportForm(auto_id=f"{prefix}-report-%s")
    if node.can_moderate and (not comment.is_hidden or comment.auto_hidden):
        node.forms["hide"] = HideForm(auto_id=f"{prefix}-hide-%s")


def _page_number(
    request: HttpRequest, target: Model, *, bound: Bound | None, focus: Comment | None
) -> int:
    """Which page of comments to show: the one with the comment just written, answered or
    refused, else the one with ?kommentar=<id>, else ?kommentarside=<n>, else the first."""
    if focus is None and bound is not None and bound.comment_pk:
        focus = comment_on(target=target, pk=bound.comment_pk)
    if focus is None and FOCUS_PARAMETER in request.GET:
        focus = comment_on(target=target, pk=request.GET[FOCUS_PARAMETER])
    if focus is not None:
        return thread_page_of(comment=focus)
    raw = request.GET.get(PAGE_PARAMETER, "")
    return whole_number(raw, max_digits=6) or 1


def comment_url(target: Model, comment: Comment) -> str:
    """The object's page, at the page of comments that shows `comment`, scrolled to it."""
    page = thread_page_of(comment=comment)
    query = f"?{PAGE_PARAMETER}={page}" if page > 1 else ""
    return f"{_target_url(target)}{query}#comment-{comment.pk}"


def section_context(
    request: HttpRequest,
    target: Model,
    *,
    bound: Bound | None = None,
    status_message: str = "",
    focus: Comment | None = None,
) -> dict[str, Any]:
    """Everything the comment section of `target` shows to the person asking: one page of
    threads (see comment_threads), with what this person may do with each comment."""
    user = request.user
    registration = registry.registration_for(target)
    if registration is None or not registration.comments:
        raise Http404
    now = timezone.now()
    is_open = registration.comments_open(target)
    can_add = user.has_perm("comments.add", target)
    can_moderate = user.has_perm("comments.moderate", target)
    thread_page = comment_threads(
        target=target, page=_page_number(request, target, bound=bound, focus=focus)
    )
    roots = thread_page.nodes
    reported = comment_ids_reported_by(user=user, target=target)
    nodes = walk(roots)
    for node in nodes:
        comment = node.comment
        node.can_reply = is_open and can_add and not comment.is_hidden
        node.can_edit = (
            not comment.is_hidden
            and user.has_perm("comments.edit", comment)
            and now <= comment.editable_until()
        )
        node.reported = comment.pk in reported
        node.can_report = (
            not comment.is_hidden
            and not node.reported
            and user.has_perm("comments.report", comment)
        )
        node.can_moderate = can_moderate
        _node_forms(node)
        if bound is not None and bound.comment_pk == comment.pk:
            node.forms[bound.kind] = bound.form
            node.open_form = bound.kind
    dom_id = _dom_id(target)
    new_form: forms.Form | None = None
    if bound is not None and bound.kind == "new":
        new_form = bound.form
    elif is_open and can_add:
        new_form = CommentForm(auto_id=f"{dom_id}-new-%s")
    target_url = _target_url(target)
    return {
        "request": request,
        "user": user,
        "target": target,
        "target_url": target_url,
        "label": target._meta.label_lower,
        "dom_id": dom_id,
        "swap_target": f"#{dom_id}-body",
        "nodes": roots,
        "count": thread_page.total,
        "thread_page": thread_page,
        "page_parameter": PAGE_PARAMETER,
        "is_open": is_open,
        "can_add": can_add,
        "can_moderate": can_moderate,
        "new_form": new_form,
        "status_message": status_message,
        "login_url": f"{reverse('account_login')}?next={target_url}",
    }


# --- object loaders for @permission --------------------------------------------------------


def _target(request: HttpRequest, label: str, object_id: int) -> Model:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    _registration, obj = registry.resolve_target(
        label=label,
        object_id=str(object_id),
        municipality=municipality,
        feature="comments",
        user=request.user,
    )
    return obj


def _comment(request: HttpRequest, pk: int) -> Comment:
    return comment_in(municipality=getattr(request, "municipality", None), pk=pk)


def _target_of(comment: Comment) -> Model:
    registration, target = comment_target(comment)
    if registration is None or target is None or not registration.comments:
        raise Http404
    return target


# --- answers ---------------------------------------------------------------------------------


def _section_response(
    request: HttpRequest,
    target: Model,
    *,
    message: str,
    bound: Bound | None = None,
    status: int = 200,
    focus: Comment | None = None,
) -> HttpResponse:
    context = section_context(request, target, bound=bound, status_message=message, focus=focus)
    context["response_error"] = status >= 400
    return render(request, "comments/partials/_section_update.html", context, status=status)


def _queue_response(
    request: HttpRequest, *, message: str, bound: Bound | None = None, status: int = 200
) -> HttpResponse:
    context = _queue_context(request, bound=bound)
    context["status_message"] = message
    context["response_error"] = status >= 400
    return render(request, "comments/partials/_queue_update.html", context, status=status)


def _done(request: HttpRequest, target: Model, comment: Comment, message: str) -> HttpResponse:
    if request.POST.get("return_to") == QUEUE:
        if _is_htmx(request):
            return _queue_response(request, message=message)
        messages.success(request, message)
        return redirect("comments:moderation_queue")
    if _is_htmx(request):
        return _section_response(request, target, message=message, focus=comment)
    messages.success(request, message)
    return redirect(comment_url(target, comment))


def _refused(
    request: HttpRequest,
    target: Model,
    *,
    bound: Bound,
    title: str,
    submit: str,
    comment: Comment | None = None,
    status: int = 400,
) -> HttpResponse:
    """Show the form again with what was typed: inside the section for htmx, else as a page."""
    message = _("The form has errors. What you wrote is kept.") if status == 400 else ""
    # The same field ids as the form had on the page, so labels and focus stay where they were.
    if request.POST.get("return_to") == QUEUE:
        bound.form.auto_id = f"queue-{bound.comment_pk}-{bound.kind}-%s"
    elif bound.kind == "new":
        bound.form.auto_id = f"{_dom_id(target)}-new-%s"
    else:
        bound.form.auto_id = f"comment-{bound.comment_pk}-{bound.kind}-%s"
    if _is_htmx(request):
        if request.POST.get("return_to") == QUEUE:
            return _queue_response(request, message=message, bound=bound, status=status)
        return _section_response(request, target, message=message, bound=bound, status=status)
    return render(
        request,
        "comments/form_page.html",
        {
            "form": bound.form,
            "title": title,
            "submit": submit,
            "comment": comment,
            "target": target,
            "target_url": _target_url(target),
            "action": request.get_full_path(),
            "return_to": request.POST.get("return_to", ""),
        },
        status=status,
    )


# --- writing ---------------------------------------------------------------------------------


@permission("comments.add", obj=_target)
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    target: Model = request.permission_object  # type: ignore[attr-defined]
    if request.method == "GET":
        form = CommentForm(initial={"parent": request.GET.get("parent") or None})
    else:
        form = CommentForm(request.POST)
    parent_pk: int | None = None
    if request.method == "POST" and form.is_valid():
        parent_pk = form.cleaned_data.get("parent")
        parent = (
            comment_in(municipality=request.municipality, pk=parent_pk)  # type: ignore[attr-defined]
            if parent_pk
            else None
        )
        try:
            comment = comment_create(
                author=request.user, target=target, body=form.cleaned_data["body"], parent=parent
            )
        except CommentError as error:
            form.add_error(None, error.message)
        else:
            return _done(request, target, comment, _("Your comment is published."))
    elif request.method == "POST":
        raw_parent = request.POST.get("parent", "")
        parent_pk = whole_number(raw_parent)
    bound = Bound(kind="reply" if parent_pk else "new", form=form, comment_pk=parent_pk)
    return _refused(
        request,
        target,
        bound=bound,
        title=_("Answer the comment") if parent_pk else _("Write a comment"),
        submit=_("Publish comment"),
        status=200 if request.method == "GET" else 400,
    )


def _comment_form_view(
    request: HttpRequest,
    *,
    kind: str,
    form: forms.Form,
    action: Any,
    done: str,
    title: str,
    submit: str,
) -> HttpResponse:
    """One comment, one small form (edit, report, hide): on GET show it on its own page (the
    no-JS path), on POST run the service, and on a refusal show it again with what was typed."""
    comment: Comment = request.permission_object  # type: ignore[attr-defined]
    target = _target_of(comment)
    if request.method == "POST" and form.is_valid():
        try:
            result = action(comment, form.cleaned_data)
        except CommentError as error:
            form.add_error(None, error.message)
        else:
            # edit and hide return the changed comment; report returns the report
            return _done(request, target, result if isinstance(result, Comment) else comment, done)
    return _refused(
        request,
        target,
        bound=Bound(kind=kind, form=form, comment_pk=comment.pk),
        title=title,
        submit=submit,
        comment=comment,
        status=200 if request.method == "GET" else 400,
    )


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@permission("comments.edit", obj=_comment)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment: Comment = request.permission_object  # type: ignore[attr-defined]
    return _comment_form_view(
        request,
        kind="edit",
        form=CommentEditForm(_posted(request), initial={"body": comment.body}),
        action=lambda c, data: comment_edit(actor=request.user, comment=c, body=data["body"]),
        done=_("Your comment is changed."),
        title=_("Change your comment"),
        submit=_("Save changes"),
    )


@permission("comments.report", obj=_comment)
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int) -> HttpResponse:
    return _comment_form_view(
        request,
        kind="report",
        form=ReportForm(_posted(request)),
        action=lambda c, data: comment_report(reporter=request.user, comment=c, **data),
        done=_("Thank you. The moderators will look at the comment."),
        title=_("Report a comment"),
        submit=_("Send report"),
    )


# --- moderation ------------------------------------------------------------------------------


@permission("comments.moderate", obj=_comment)
@require_http_methods(["GET", "POST"])
def hide(request: HttpRequest, pk: int) -> HttpResponse:
    return _comment_form_view(
        request,
        kind="hide",
        form=HideForm(_posted(request)),
        action=lambda c, data: comment_hide(
            moderator=request.user, comment=c, reason=data["reason"]
        ),
        done=_("The comment is hidden."),
        title=_("Hide a comment"),
        submit=_("Hide comment"),
    )


def _moderation_post(
    request: HttpRequest, comment: Comment, action: Any, message: str
) -> HttpResponse:
    target = _target_of(comment)
    try:
        action(moderator=request.user, comment=comment)
    except CommentError as error:
        if _is_htmx(request):
            if request.POST.get("return_to") == QUEUE:
                return _queue_response(request, message=error.message, status=400)
            return _section_response(
                request, target, message=error.message, status=400, focus=comment
            )
        messages.error(request, error.message)
        if request.POST.get("return_to") == QUEUE:
            return redirect("comments:moderation_queue")
        return redirect(comment_url(target, comment))
    return _done(request, target, comment, message)


@permission("comments.moderate", obj=_comment)
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderation_post(
        request,
        request.permission_object,  # type: ignore[attr-defined]
        comment_restore,
        _("The comment is shown again."),
    )


@permission("comments.moderate", obj=_comment)
@require_POST
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    return _moderation_post(
        request,
        request.permission_object,  # type: ignore[attr-defined]
        reports_dismiss,
        _("The reports are dismissed."),
    )


def _queue_context(request: HttpRequest, *, bound: Bound | None = None) -> dict[str, Any]:
    queue = moderation_queue(municipality=getattr(request, "municipality", None))
    page = Paginator(queue, 25).get_page(request.GET.get("side"))
    items: list[QueueItem] = queue_items(list(page.object_list))
    for item in items:
        comment = item.comment
        if not comment.is_hidden or comment.auto_hidden:
            item.forms["hide"] = HideForm(auto_id=f"queue-{comment.pk}-hide-%s")
        if bound is not None and bound.comment_pk == comment.pk:
            item.forms[bound.kind] = bound.form
            item.open_form = bound.kind
    return {"page": page, "items": items, "return_to": QUEUE, "swap_target": "#moderation-queue"}


@permission("comments.moderate")
def moderation_queue_view(request: HttpRequest) -> HttpResponse:
    return render(request, "comments/moderation_queue.html", _queue_context(request))
