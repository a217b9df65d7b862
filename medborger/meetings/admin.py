from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medborger.core.admin_mixins import MunicipalityScopedAdmin, ScopedInline
from medborger.meetings import services
from medborger.meetings.links import content_type_choices
from medborger.meetings.models import AgendaItem, Meeting


class AgendaItemInline(ScopedInline):
    model = AgendaItem
    extra = 1
    fields = ("position", "title", "description", "linked_type", "linked_id")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "linked_type":
            kwargs["queryset"] = content_type_choices()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Meeting)
class MeetingAdmin(MunicipalityScopedAdmin):
    """Staff create and edit meetings and their agenda here. Registrations, attendance, minutes
    and speaking slots go through the staff pages on /borgermoeder/personale/, which keep the
    seat count and the waiting list right."""

    list_display = ("title", "kind", "starts_at", "area", "status", "registered_count", "capacity")
    list_filter = ("kind", "status", "municipality")
    search_fields = ("title", "place_name")
    date_hierarchy = "starts_at"
    readonly_fields = ("registered_count", "minutes_published_at", "running_order_published_at")
    inlines = [AgendaItemInline]
    fieldsets = (
        (
            None,
            {"fields": ("municipality", "area", "kind", "budget_process", "title", "description")},
        ),
        (
            _("Time and place"),
            {"fields": ("starts_at", "ends_at", "place_name", "address", "online_url")},
        ),
        (
            _("Access"),
            {"fields": ("step_free", "hearing_loop", "accessibility_notes")},
        ),
        (
            _("Registration"),
            {
                "fields": (
                    "capacity",
                    "registered_count",
                    "registration_opens",
                    "registration_closes",
                    "status",
                )
            },
        ),
        (
            _("Open plenum"),
            {"fields": ("accepts_slot_requests", "running_order_published_at")},
        ),
        (
            _("Minutes"),
            {"fields": ("minutes_published_at",)},
        ),
    )

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            # More seats: the first people on the waiting list get them.
            services.fill_free_seats(meeting_id=obj.pk, now=timezone.now())
