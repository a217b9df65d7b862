from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medborger.core.admin_mixins import MunicipalityScopedAdmin, ScopedInline
from medborger.volunteering.models import Membership, Programme, Session, Team


@admin.register(Programme)
class ProgrammeAdmin(MunicipalityScopedAdmin):
    """The municipal admin sets up the programme here; residents read it on /frivillige/."""

    list_display = ("name", "municipality", "certificate_months")
    list_filter = ("municipality",)
    fields = ("municipality", "name", "description", "certificate_months")


class MembershipInline(ScopedInline):
    model = Membership
    fields = ("user", "role", "joined_at")
    raw_id_fields = ("user",)
    extra = 0


@admin.register(Team)
class TeamAdmin(MunicipalityScopedAdmin):
    """Teams and their contact persons (a membership with the role "team contact")."""

    list_display = ("name", "programme", "area", "requires_certificate")
    list_filter = ("requires_certificate", "municipality")
    fields = ("municipality", "programme", "area", "name", "description", "requires_certificate")
    inlines = [MembershipInline]


@admin.register(Session)
class SessionAdmin(MunicipalityScopedAdmin):
    """Read-only overview: sessions change through the team pages, which keep the seats right."""

    list_display = ("series", "starts_at", "place", "capacity", "taken", "cancelled")
    list_filter = ("cancelled", "municipality")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
