"""Municipal admins set up a participatory budget here: its rules, phases and pools. The rules are
published before voting opens and lock when it does; ballots and results are never edited here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from medborger.budgeting.models import Ballot, BudgetProcess, BudgetProject, Pool
from medborger.core.admin_mixins import MunicipalityScopedAdmin, ScopedInline

RULE_FIELDS = (
    "area",
    "min_age",
    "required_assurance",
    "ballot_type",
    "min_projects",
    "max_projects",
    "total_points",
    "max_points_per_project",
    "counting_rule",
    "max_cost_share",
    "voting_opens",
    "voting_closes",
)


def voting_has_opened(process: BudgetProcess | None) -> bool:
    return process is not None and process.pk is not None and timezone.now() >= process.voting_opens


class _LockedWhenVotingOpens(ScopedInline):
    """Pools and projects are part of the published ballot: fixed once voting opens."""

    extra = 0

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_add_permission(request, obj) and not voting_has_opened(obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and not voting_has_opened(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not voting_has_opened(obj)


class PoolInline(_LockedWhenVotingOpens):
    model = Pool
    fields = ("name", "amount", "area")


class ProjectInline(_LockedWhenVotingOpens):
    """Projects the administration puts on the ballot itself; residents' ideas come through the
    idea form and the review page."""

    model = BudgetProject
    fields = ("title", "pool", "cost", "status", "review_reason")
    show_change_link = False


@admin.register(BudgetProcess)
class BudgetProcessAdmin(MunicipalityScopedAdmin):
    list_display = ("title", "area", "ideas_open", "voting_opens", "voting_closes", "counting_rule")
    list_filter = ("municipality", "counting_rule", "ballot_type")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("counted_at",)
    inlines = [PoolInline, ProjectInline]
    fieldsets = (
        (None, {"fields": ("municipality", "title", "slug", "description")}),
        (
            _("Rules"),
            {
                "fields": (
                    "area",
                    "min_age",
                    "required_assurance",
                    "ballot_type",
                    "min_projects",
                    "max_projects",
                    "total_points",
                    "max_points_per_project",
                    "counting_rule",
                    "max_cost_share",
                )
            },
        ),
        (_("Phases"), {"fields": ("ideas_open", "ideas_close", "voting_opens", "voting_closes")}),
        (_("Result"), {"fields": ("counted_at",)}),
    )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if voting_has_opened(obj):
            fields += [*RULE_FIELDS, "municipality", "ideas_open", "ideas_close"]
        return fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """A budget with ballots is a public record and stays."""
        if obj is not None and Ballot.objects.filter(process=obj).exists():
            return False
        return super().has_delete_permission(request, obj)
