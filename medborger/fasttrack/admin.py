from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medborger.core.admin_mixins import MunicipalityScopedAdmin
from medborger.fasttrack.models import Application, FastTrackPool


@admin.register(FastTrackPool)
class FastTrackPoolAdmin(MunicipalityScopedAdmin):
    """The municipal admin sets up the pool here; residents read it on /hurtigpuljen/."""

    list_display = (
        "title",
        "year",
        "area",
        "amount",
        "project_cap",
        "granted",
        "decision_days",
        "accepts_applications",
    )
    list_filter = ("year", "accepts_applications", "municipality")
    readonly_fields = ("granted",)
    fields = (
        "municipality",
        "area",
        "title",
        "year",
        "amount",
        "project_cap",
        "granted",
        "decision_days",
        "report_days",
        "accepts_applications",
        "description",
    )


@admin.register(Application)
class ApplicationAdmin(MunicipalityScopedAdmin):
    """Read-only overview: applications change through the staff pages, which keep the pool's
    sum of grants right and write the audit log."""

    list_display = (
        "title",
        "pool",
        "state",
        "amount_requested",
        "granted_amount",
        "decision_due",
        "report_due",
    )
    list_filter = ("state", "municipality")
    search_fields = ("title", "group_name", "responsible_name")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
