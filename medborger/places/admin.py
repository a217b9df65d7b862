from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from medborger.accounts.predicates import is_platform_admin
from medborger.core.admin_mixins import (
    MunicipalityScopedAdmin,
    ScopedInline,
    admin_municipality_ids,
)
from medborger.places.models import (
    Area,
    Committee,
    CommitteeMembership,
    InfoPage,
    Municipality,
    Organisation,
)


@admin.register(Municipality)
class MunicipalityAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "slug", "country", "default_language")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = Municipality.objects.all()
        if is_platform_admin(request.user):
            return queryset
        return queryset.filter(pk__in=admin_municipality_ids(request.user))

    def get_prepopulated_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.prepopulated_fields if is_platform_admin(request.user) else {}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # Host names decide which municipality a request belongs to: platform admins only.
        if is_platform_admin(request.user):
            return ()
        return ("slug", "hosts")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_platform_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_admin(request.user)

    def municipality_of(self, obj: Any) -> Any:
        return obj


@admin.register(Area)
class AreaAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "kind", "parent", "population_total", "municipality")
    list_filter = ("kind", "municipality")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


class CommitteeMembershipInline(ScopedInline):
    model = CommitteeMembership
    extra = 1
    autocomplete_fields = ("user",)


@admin.register(Committee)
class CommitteeAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "is_council", "secretary", "municipality")
    list_filter = ("municipality",)
    inlines = [CommitteeMembershipInline]
    autocomplete_fields = ("secretary",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Organisation)
class OrganisationAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "kind", "registration_number", "municipality")
    list_filter = ("kind", "municipality")
    search_fields = ("name", "registration_number")
    autocomplete_fields = ("responsible_person",)


@admin.register(InfoPage)
class InfoPageAdmin(MunicipalityScopedAdmin):
    list_display = ("title", "kind", "language", "municipality", "updated_at")
    list_filter = ("kind", "language", "municipality")
