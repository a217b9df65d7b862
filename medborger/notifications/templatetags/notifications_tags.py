"""`{% load notifications_tags %}{% follow_button target %}` puts a follow button on any page
showing an object registered for follows (see core/registry.py)."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Model

from medborger.notifications.selectors import follow_button_state, unread_count

register = template.Library()


@register.inclusion_tag("notifications/partials/_follow_button.html", takes_context=True)
def follow_button(
    context: template.Context, target: Model, following: Any = None
) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return follow_button_state(
        user=user,
        target=target,
        following=None if following is None else bool(following),
        next_url=request.get_full_path() if request is not None else "",
    )


@register.simple_tag(takes_context=True)
def unread_notification_count(context: template.Context) -> int:
    """For a badge next to the header's Notifications link."""
    request = context.get("request")
    if request is None:
        return 0
    return unread_count(request.user, municipality=getattr(request, "municipality", None))
