from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medborger.cocreation.models import CoCreationGroup, CoCreationPolicy, Membership, Output
from medborger.core.admin_mixins import MunicipalityScopedAdmin, ScopedInline


@admin.register(CoCreationPolicy)
class CoCreationPolicyAdmin(MunicipalityScopedAdmin):
    """The municipality's rule for all its groups: may the committee chair chair a group?"""

    list_display = ("municipality", "chair_must_not_be_committee_chair")


class MembershipInline(ScopedInline):
    model = Membership
    extra = 1
    autocomplete_fields = ("user",)
    fields = ("display_name", "user", "organisation", "role", "joined_on", "left_on")


@admin.register(CoCreationGroup)
class CoCreationGroupAdmin(MunicipalityScopedAdmin):
    """Staff set up a group and its members here. Chairs, meetings, tasks and outputs change
    through the group's pages, which check the chair rules and write the public trail."""

    list_display = ("name", "status", "area", "committee", "starts_on", "ends_on", "is_public")
    list_filter = ("status", "is_public", "municipality")
    search_fields = ("name",)
    inlines = [MembershipInline]
    fields = (
        "municipality",
        "name",
        "area",
        "committee",
        "purpose",
        "mandate",
        "starts_on",
        "ends_on",
        "status",
        "is_public",
        "chair_must_not_be_committee_chair",
    )


@admin.register(Output)
class OutputAdmin(MunicipalityScopedAdmin):
    """Read-only overview: outputs and their trail change through the group's pages."""

    municipality_field = "group__municipality"
    list_display = ("title", "group", "state", "requested_amount", "granted_amount")
    list_filter = ("state",)

    def municipality_of(self, obj: Any) -> Any:
        return obj.group.municipality

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
