from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medborger.core.admin_mixins import MunicipalityScopedAdmin, ScopedInline
from medborger.premises.models import BookingRequest, OpeningHours, Premises


class OpeningHoursInline(ScopedInline):
    model = OpeningHours
    extra = 0


@admin.register(Premises)
class PremisesAdmin(MunicipalityScopedAdmin):
    """Staff list rooms, empty buildings and outdoor areas here, with their bookable hours;
    residents see the published ones on /lokaler/."""

    list_display = ("name", "kind", "area", "capacity", "published")
    list_filter = ("kind", "published", "municipality")
    search_fields = ("name", "address")
    inlines = [OpeningHoursInline]
    fields = (
        "municipality",
        "area",
        "kind",
        "name",
        "address",
        "description",
        "capacity",
        "step_free",
        "hearing_loop",
        "accessible_toilet",
        "accessibility_notes",
        "conditions",
        "photo",
        "photo_description",
        "published",
    )


@admin.register(BookingRequest)
class BookingRequestAdmin(MunicipalityScopedAdmin):
    """Read-only overview: requests are decided on the staff pages, which check clashes under a
    lock, notify the requester and write the audit log."""

    list_display = ("title", "premises", "state", "starts_at", "repeat_until", "requested_at")
    list_filter = ("state", "municipality")
    search_fields = ("title", "initiative_name", "responsible_name")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
