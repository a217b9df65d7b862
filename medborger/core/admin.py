from django.contrib import admin

from medborger.core.admin_mixins import ReadOnlyAdmin
from medborger.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log can be read, never changed."""

    list_display = ("at", "actor_label", "action", "target_label", "municipality")
    list_filter = ("action", "municipality")
    search_fields = ("actor_label", "target_label", "action")
    date_hierarchy = "at"
