"""Goals, indicators and the carbon budget are set up here by the municipal admin; measurements
are usually imported on /maal/personale/import/, and can be corrected on the indicator."""

from typing import Any

from django.contrib import admin
from django.db.models import Model

from medborger.core.admin_mixins import MunicipalityScopedAdmin, ScopedInline
from medborger.goals.models import (
    CarbonActual,
    CarbonBudget,
    CarbonBudgetLine,
    Goal,
    Indicator,
    Measurement,
    SdgTarget,
)


class IndicatorInline(ScopedInline):
    model = Indicator
    extra = 0
    fields = (
        "name",
        "unit",
        "direction",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "plausible_min",
        "plausible_max",
        "data_source",
        "owner",
        "position",
    )


@admin.register(Goal)
class GoalAdmin(MunicipalityScopedAdmin):
    list_display = ("title", "committee", "area", "owner", "municipality")
    list_filter = ("municipality", "committee")
    search_fields = ("title",)
    filter_horizontal = ("sdgs", "sdg_targets")
    inlines = [IndicatorInline]

    def formfield_for_manytomany(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        if db_field.name == "sdg_targets":  # the label names the UN goal: one query, not 169
            kwargs["queryset"] = SdgTarget.objects.select_related("sdg")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class MeasurementInline(ScopedInline):
    model = Measurement
    extra = 0
    fields = ("area", "date", "value", "source", "entered_by")
    readonly_fields = ("entered_by",)


@admin.register(Indicator)
class IndicatorAdmin(MunicipalityScopedAdmin):
    municipality_field = "goal__municipality"
    list_display = ("name", "goal", "unit", "direction", "target_value", "target_date")
    search_fields = ("name", "goal__title")
    inlines = [MeasurementInline]

    def municipality_of(self, obj: Model) -> Any:
        return obj.goal.municipality  # type: ignore[attr-defined]


class BudgetLineInline(ScopedInline):
    model = CarbonBudgetLine
    extra = 0


class ActualInline(ScopedInline):
    model = CarbonActual
    extra = 0


@admin.register(CarbonBudget)
class CarbonBudgetAdmin(MunicipalityScopedAdmin):
    list_display = ("title", "start_year", "end_year", "goal", "municipality")
    list_filter = ("municipality",)
    inlines = [BudgetLineInline, ActualInline]
