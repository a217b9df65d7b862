"""Staff edit efforts, plans, financing and responsibilities here, scoped to the municipalities
they administer; every change lands in the audit log. The public pages are on /indsatser/."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from medborger.accounts.predicates import is_platform_admin
from medborger.core.admin_mixins import (
    MunicipalityScopedAdmin,
    ScopedInline,
    admin_municipality_ids,
)
from medborger.efforts.models import (
    Effort,
    FinancingLine,
    GoalContribution,
    Responsibility,
    TargetGroup,
)


def _scope_related(field: Any, request: HttpRequest) -> Any:
    """Choices of organisations, areas, target groups, plans and goals: only the user's own
    municipalities."""
    if field is None or is_platform_admin(request.user):
        return field
    queryset = getattr(field, "queryset", None)
    if queryset is not None and any(
        f.name == "municipality" for f in queryset.model._meta.get_fields()
    ):
        field.queryset = queryset.filter(municipality__in=admin_municipality_ids(request.user))
    return field


class FinancingLineInline(ScopedInline):
    model = FinancingLine
    extra = 0
    fields = (
        "party",
        "fund",
        "form",
        "amount",
        "hours_per_week",
        "hourly_rate",
        "weeks",
        "start",
        "end",
        "note",
    )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        return _scope_related(
            super().formfield_for_foreignkey(db_field, request, **kwargs), request
        )


class ResponsibilityInline(ScopedInline):
    model = Responsibility
    extra = 0
    fields = ("organisation", "task", "interface")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        return _scope_related(
            super().formfield_for_foreignkey(db_field, request, **kwargs), request
        )


@admin.register(Effort)
class EffortAdmin(MunicipalityScopedAdmin):
    list_display = ("title", "kind", "plan", "status", "area", "target_group", "start", "end")
    list_filter = ("kind", "status", "municipality")
    search_fields = ("title",)
    filter_horizontal = ("partners", "goals")
    inlines = (FinancingLineInline, ResponsibilityInline)
    fields = (
        "municipality",
        "kind",
        "plan",
        "title",
        "description",
        "owner",
        "partners",
        "target_group",
        "area",
        "start",
        "end",
        "status",
        "min_local_share",
        "goals",
    )

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        return _scope_related(
            super().formfield_for_manytomany(db_field, request, **kwargs), request
        )

    def municipality_of(self, obj: Model) -> Any:
        return getattr(obj, "municipality", None)


@admin.register(TargetGroup)
class TargetGroupAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "municipality")
    list_filter = ("municipality",)
    search_fields = ("name",)


@admin.register(GoalContribution)
class GoalContributionAdmin(MunicipalityScopedAdmin):
    """What serves a goal. Prefer the services (they check that a budget project is funded and a
    proposal adopted); here staff can correct the links."""

    list_display = ("goal", "content_type", "object_id", "how")
    list_filter = ("municipality",)
    fields = ("municipality", "goal", "content_type", "object_id", "how")
