from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from medborger.accounts.predicates import is_platform_admin
from medborger.core.admin_mixins import admin_municipality_ids
from medborger.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log can be read, never changed."""

    list_display = ("at", "actor_label", "action", "target_label", "municipality")
    list_filter = ("action", "municipality")
    search_fields = ("actor_label", "target_label", "action")
    date_hierarchy = "at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if is_platform_admin(request.user):
            return queryset
        return queryset.filter(municipality__in=admin_municipality_ids(request.user))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_platform_admin(request.user) or bool(admin_municipality_ids(request.user))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
