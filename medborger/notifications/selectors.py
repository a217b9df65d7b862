"""Follows and notifications: the reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.urls import reverse

from medborger.core import registry
from medborger.notifications.models import Follow, Notification

PAGE_SIZE = 25


@dataclass(frozen=True)
class FollowedItem:
    follow: Follow
    target: Model
    url: str
    kind: str


def follows_of(user: Any, *, municipality: Any = None) -> list[FollowedItem]:
    """What the user follows (in one municipality, if given), newest first, with the targets.

    One query for the follows and one per kind of target, however many rows there are.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    follows = Follow.objects.filter(user=user).select_related("content_type")
    if municipality is not None:
        follows = follows.filter(municipality=municipality)
    items = []
    for follow in follows.prefetch_related("target"):
        target = follow.target
        registration = registry.registration_for(target) if target is not None else None
        if target is None or registration is None:
            continue  # deleted, or its app no longer registers it
        items.append(
            FollowedItem(
                follow=follow,
                target=target,
                url=registration.url(target),
                kind=str(target._meta.verbose_name),
            )
        )
    return items


def notifications_for(user: Any, *, municipality: Any = None, page: Any = 1) -> Page[Notification]:
    """One page of the user's notifications, newest first: two queries for any page size."""
    notifications: QuerySet[Notification] = Notification.objects.filter(recipient=user)
    if municipality is not None:
        notifications = notifications.filter(municipality=municipality)
    notifications = notifications.order_by("-created_at", "-id").only(
        "id", "title", "body", "url", "created_at", "read_at", "event"
    )
    return Paginator(notifications, PAGE_SIZE).get_page(page)


def unread_count(user: Any, *, municipality: Any = None) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if municipality is not None:
        unread = unread.filter(municipality=municipality)
    return unread.count()


def is_following(user: Any, target: Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk
    ).exists()


def notification_of(user: Any, pk: int, *, municipality: Any) -> Notification | None:
    """The user's own notification from this municipality's site (links are paths on it)."""
    if not getattr(user, "is_authenticated", False) or municipality is None:
        return None
    return Notification.objects.filter(recipient=user, pk=pk, municipality=municipality).first()


def follow_button_state(
    *, user: Any, target: Model, following: bool | None = None, next_url: str = ""
) -> dict[str, Any]:
    """What the follow button shows for this user and object (`following` saves the query
    when the caller already knows it, as the list of follows does)."""
    signed_in = bool(getattr(user, "is_authenticated", False))
    if signed_in and following is None:
        following = is_following(user, target)
    label = target._meta.label_lower
    return {
        "signed_in": signed_in,
        "following": bool(following),
        "action_url": reverse("notifications:follow", args=[label, target.pk]),
        "button_id": f"follow-{label.replace('.', '-')}-{target.pk}",
        "target_title": str(target),
        "next_url": next_url,
        "login_url": reverse("account_login"),
    }


def follows_export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "municipality": f.municipality.name,
            "object_type": f"{f.content_type.app_label}.{f.content_type.model}",
            "object_id": f.object_id,
            "created_at": f.created_at.isoformat(),
        }
        for f in Follow.objects.filter(user=user)
        .select_related("municipality", "content_type")
        .order_by("created_at", "id")
    ]


def notifications_export(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "municipality": n.municipality.name,
            "event": n.event,
            "title": n.title,
            "body": n.body,
            "url": n.url,
            "created_at": n.created_at.isoformat(),
            "read_at": n.read_at.isoformat() if n.read_at else None,
            "emailed_at": n.emailed_at.isoformat() if n.emailed_at else None,
            "digest": n.digest,
        }
        for n in Notification.objects.filter(recipient=user)
        .select_related("municipality")
        .order_by("created_at", "id")
    ]
