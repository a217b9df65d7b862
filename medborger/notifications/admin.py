"""Read-only admin for platform administrators: what someone follows is personal data, so
municipal administrators do not browse it."""

from __future__ import annotations

from django.contrib import admin

from medborger.core.admin_mixins import ReadOnlyAdmin
from medborger.notifications.models import Follow, Notification


class _ReadOnlyForPlatformAdmins(ReadOnlyAdmin):
    municipality_path = None


@admin.register(Notification)
class NotificationAdmin(_ReadOnlyForPlatformAdmins):
    list_display = (
        "created_at",
        "recipient",
        "municipality",
        "event",
        "title",
        "read_at",
        "emailed_at",
        "digest",
    )
    list_filter = ("municipality", "event", "digest")
    list_select_related = ("recipient", "municipality")
    search_fields = ("title", "event", "recipient__email")
    date_hierarchy = "created_at"
    raw_id_fields = ("recipient",)


@admin.register(Follow)
class FollowAdmin(_ReadOnlyForPlatformAdmins):
    list_display = ("created_at", "user", "municipality", "content_type", "object_id")
    list_filter = ("municipality", "content_type")
    list_select_related = ("user", "municipality", "content_type")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)
