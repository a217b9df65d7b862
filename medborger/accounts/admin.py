from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from medborger.accounts.models import EidProvider, Identity, Role, RoleAssignment, User
from medborger.accounts.predicates import is_platform_admin
from medborger.core.admin_mixins import (
    AuditedAdmin,
    MunicipalityScopedAdmin,
    ReadOnlyAdmin,
    admin_municipality_ids,
)


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ("municipality", "role", "granted_at")
    readonly_fields = ("granted_at",)


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    """Platform administrators manage accounts; municipal admins grant roles (RoleAssignmentAdmin)."""

    ordering = ("email",)
    list_display = ("email", "name", "is_active", "is_staff", "date_joined")
    search_fields = ("email", "name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("name", "preferred_language", "notification_frequency")}),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [RoleInline]
    readonly_fields = ("last_login", "date_joined")

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        """Municipal admins see only people with a role in, or residence in, their municipality."""
        queryset = super().get_queryset(request)
        if is_platform_admin(request.user):
            return queryset
        mine = admin_municipality_ids(request.user)
        return queryset.filter(
            Q(role_assignments__municipality__in=mine)
            | Q(identity__residence_municipality__in=mine)
        ).distinct()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_platform_admin(request.user) or bool(admin_municipality_ids(request.user))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Municipal admins may look users up (to grant roles) but not change accounts.
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_admin(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_platform_admin(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_platform_admin(request.user)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(MunicipalityScopedAdmin):
    list_display = ("user", "role", "municipality", "granted_at")
    list_filter = ("role", "municipality")
    search_fields = ("user__email", "user__name")
    autocomplete_fields = ("user",)
    exclude = ("granted_by",)

    def formfield_for_choice_field(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # Only platform administrators may create platform administrators.
        if db_field.name == "role" and not is_platform_admin(request.user):
            kwargs["choices"] = [c for c in Role.choices if c[0] != Role.PLATFORM_ADMIN]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        if not is_platform_admin(request.user) and "municipality" in form.base_fields:
            form.base_fields["municipality"].required = True
        return form

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not is_platform_admin(request.user) and (
            obj.role == Role.PLATFORM_ADMIN
            or obj.municipality_id not in admin_municipality_ids(request.user)
        ):
            raise PermissionDenied
        if not change:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Identity)
class IdentityAdmin(ReadOnlyAdmin):
    """Read-only: identities come from eID log-ins, never typed in by staff."""

    municipality_path = "residence_municipality"
    list_display = (
        "user",
        "provider",
        "assurance_level",
        "birth_year",
        "residence_area",
        "verified_at",
    )
    list_filter = ("provider", "assurance_level")
    list_select_related = ("user", "residence_area")
    exclude = ("person_key", "match_key")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(is_platform_admin(request.user))


@admin.register(EidProvider)
class EidProviderAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "slug", "scheme", "assurance_level", "enabled", "municipality")
