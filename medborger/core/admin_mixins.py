"""Django admin for municipal admins: they see and change only their own municipality's rows,
and every change lands in the audit log with the values before and after."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from medborger.accounts.models import Role
from medborger.accounts.predicates import is_platform_admin, roles_of
from medborger.core.audit import audit_record, snapshot


def admin_municipality_ids(user: Any) -> set[int]:
    return {m for m, r in roles_of(user) if r == Role.MUNICIPAL_ADMIN and m is not None}


class AuditedAdmin(admin.ModelAdmin):
    """Writes an audit entry for every add, change and delete made in the admin."""

    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        before = snapshot(type(obj)._default_manager.filter(pk=obj.pk).first()) if change else None
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=f"{obj._meta.model_name}.{'changed' if change else 'created'}",
            target=obj,
            municipality=self.municipality_of(obj),
            before=before or {},
            after=snapshot(obj),
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        audit_record(
            actor=request.user,
            action=f"{obj._meta.model_name}.deleted",
            target=obj,
            municipality=self.municipality_of(obj),
            before=snapshot(obj),
            after={},
        )
        super().delete_model(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """Inline rows (committee members, roles) are staff actions too."""
        befores = {
            obj.pk: snapshot(obj)
            for obj in (f.instance for f in formset.forms)
            if obj.pk is not None
        }
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            audit_record(
                actor=request.user,
                action=f"{obj._meta.model_name}.created",
                target=obj,
                municipality=self.municipality_of(form.instance),
                before={},
                after=snapshot(obj),
            )
        for obj, _fields in formset.changed_objects:
            audit_record(
                actor=request.user,
                action=f"{obj._meta.model_name}.changed",
                target=obj,
                municipality=self.municipality_of(form.instance),
                before=befores.get(obj.pk) or {},
                after=snapshot(obj),
            )
        for obj in formset.deleted_objects:
            audit_record(
                actor=request.user,
                action=f"{obj._meta.model_name}.deleted",
                target=obj,
                municipality=self.municipality_of(form.instance),
                before=befores.get(obj.pk) or snapshot(obj),
                after={},
            )

    @transaction.atomic
    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            audit_record(
                actor=request.user,
                action=f"{obj._meta.model_name}.deleted",
                target=obj,
                municipality=self.municipality_of(obj),
                before=snapshot(obj),
                after={},
            )
        super().delete_queryset(request, queryset)

    def municipality_of(self, obj: Model) -> Any:
        return getattr(obj, "municipality", None)


class MunicipalityScopedAdmin(AuditedAdmin):
    """Rows with a `municipality` field, limited to the municipalities the user administers."""

    municipality_field = "municipality"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if is_platform_admin(request.user):
            return queryset
        return queryset.filter(
            **{f"{self.municipality_field}__in": admin_municipality_ids(request.user)}
        )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if is_platform_admin(request.user) or field is None or field.queryset is None:
            return field
        allowed = admin_municipality_ids(request.user)
        model = db_field.related_model
        if model._meta.label == "places.Municipality":
            field.queryset = field.queryset.filter(pk__in=allowed)  # type: ignore[union-attr]
        elif any(f.name == "municipality" for f in model._meta.get_fields()):
            field.queryset = field.queryset.filter(municipality__in=allowed)  # type: ignore[union-attr]
        return field

    def _allowed(self, request: HttpRequest) -> bool:
        return is_platform_admin(request.user) or bool(admin_municipality_ids(request.user))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


class ScopedInline(admin.TabularInline):  # type: ignore[type-arg]
    """An inline editable by whoever may edit the parent row (the parent admin scopes the rows)."""

    def _allowed(self, request: HttpRequest) -> bool:
        return is_platform_admin(request.user) or bool(admin_municipality_ids(request.user))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Rows staff may read but never type in or change (audit log, identities, notifications).

    `municipality_path` scopes what municipal admins see; None means platform admins only."""

    municipality_path: str | None = "municipality"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        queryset = super().get_queryset(request)
        if is_platform_admin(request.user):
            return queryset
        if self.municipality_path is None:
            return queryset.none()
        return queryset.filter(
            **{f"{self.municipality_path}__in": admin_municipality_ids(request.user)}
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        if is_platform_admin(request.user):
            return True
        return self.municipality_path is not None and bool(admin_municipality_ids(request.user))

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
