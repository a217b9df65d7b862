from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medborger.core.admin_mixins import MunicipalityScopedAdmin
from medborger.implementation.models import Delivery, DeliveryRules


@admin.register(DeliveryRules)
class DeliveryRulesAdmin(MunicipalityScopedAdmin):
    """The municipal admin sets the months to a visible result and to spend the money."""

    list_display = ("municipality", "visible_result_months", "spend_months", "warn_days")


@admin.register(Delivery)
class DeliveryAdmin(MunicipalityScopedAdmin):
    """Read-only overview: deliveries change through the staff pages, which tell followers."""

    list_display = ("project", "status", "responsible", "budget", "started_on", "visible_result_on")
    list_filter = ("status", "municipality")
    search_fields = ("project__title",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
