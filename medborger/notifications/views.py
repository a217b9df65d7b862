from __future__ import annotations

from django.contrib import messages
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from medborger.core.permissions import permission
from medborger.core.registry import registration_for, resolve_target
from medborger.notifications.models import Notification
from medborger.notifications.selectors import (
    follow_button_state,
    follows_of,
    is_following,
    notification_of,
    notifications_for,
    unread_count,
)
from medborger.notifications.services import follow_add, follow_remove, notifications_mark_read


def _safe_next(request: HttpRequest, value: str | None) -> str | None:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return None


@permission("notifications.view_own")
def notification_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    page = notifications_for(request.user, municipality=municipality, page=request.GET.get("side"))
    return render(
        request,
        "notifications/list.html",
        {
            "page": page,
            "unread": unread_count(request.user, municipality=municipality),
            "follows": follows_of(request.user, municipality=municipality),
        },
    )


@permission("notifications.view_own")
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_read(
        user=request.user,  # type: ignore[arg-type]
        now=timezone.now(),
        municipality=request.municipality,  # type: ignore[attr-defined]
    )
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:list")


def _own_notification(request: HttpRequest, pk: int) -> Notification | None:
    """The signed-in user's own notification, else 404; None for anonymous (sign in first)."""
    if not request.user.is_authenticated:
        return None
    notification = notification_of(
        request.user,
        pk,
        municipality=request.municipality,  # type: ignore[attr-defined]
    )
    if notification is None:
        raise Http404
    return notification


@permission("notifications.view_own", obj=_own_notification)
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification's link and mark it as read on the way."""
    notification: Notification = request.permission_object  # type: ignore[attr-defined]
    notifications_mark_read(
        user=request.user,  # type: ignore[arg-type]
        now=timezone.now(),
        municipality=notification.municipality,
        notification_ids=[notification.pk],
    )
    return redirect(_safe_next(request, notification.url) or "notifications:list")


def _follow_target(request: HttpRequest, label: str, object_id: int) -> Model:
    """The object to follow or unfollow. Somebody who follows an object they may no longer see
    (a role taken away, a group closed) may still unfollow it, and learns nothing more."""
    unfollowing = request.method == "POST" and request.POST.get("action") == "unfollow"
    registration, target = resolve_target(
        label=label,
        object_id=str(object_id),
        municipality=getattr(request, "municipality", None),
        feature="follows",
        user=request.user,
        may_be_hidden=unfollowing and request.user.is_authenticated,
    )
    permission_name = registration.view_permission
    if (
        unfollowing
        and permission_name
        and not request.user.has_perm(permission_name, target)
        and not is_following(request.user, target)
    ):
        raise Http404  # not a follower: as hidden as ever
    return target


@permission("notifications.follow", obj=_follow_target)
@require_http_methods(["GET", "POST"])
def follow_toggle(request: HttpRequest, label: str, object_id: int) -> HttpResponse:
    """POST action=follow|unfollow. Without JavaScript: back to the page (or the object);
    with htmx: the new button. GET only leads back to the object (e.g. after signing in)."""
    target: Model = request.permission_object  # type: ignore[attr-defined]
    registration = registration_for(target)
    assert registration is not None  # resolve_target only returns registered objects
    back = _safe_next(request, request.POST.get("next")) or registration.url(target)
    if request.method == "GET":
        return redirect(back)
    action = request.POST.get("action")
    if action == "follow":
        follow_add(user=request.user, target=target, now=timezone.now())  # type: ignore[arg-type]
        message = _("You now follow this. We tell you when something changes.")
    elif action == "unfollow":
        follow_remove(user=request.user, target=target)  # type: ignore[arg-type]
        message = _("You no longer follow this.")
    else:
        return HttpResponseBadRequest(_("Choose to follow or to stop following."))
    if getattr(request, "htmx", False):
        state = follow_button_state(
            user=request.user, target=target, following=action == "follow", next_url=back
        )
        return render(
            request,
            "notifications/partials/_follow_button.html",
            {**state, "status_message": message},
        )
    messages.success(request, message)
    return redirect(back)
