from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from medborger.core.admin_mixins import MunicipalityScopedAdmin
from medborger.proposals.models import Proposal, ProposalRules, Topic


@admin.register(ProposalRules)
class ProposalRulesAdmin(MunicipalityScopedAdmin):
    """The municipal admin edits the scheme here; residents read it on /forslag/regler/."""

    list_display = (
        "municipality",
        "threshold_kind",
        "threshold_absolute",
        "threshold_share_percent",
        "collection_days",
        "answer_kind",
    )
    fieldsets = (
        (None, {"fields": ("municipality",)}),
        (
            _("Threshold"),
            {
                "fields": (
                    "threshold_kind",
                    "threshold_absolute",
                    "threshold_share_percent",
                    "min_age",
                    "propose_assurance",
                    "support_assurance",
                )
            },
        ),
        (
            _("Deadlines"),
            {
                "fields": (
                    "co_proposers",
                    "co_proposer_days",
                    "review_days",
                    "collection_days",
                    "answer_kind",
                    "answer_months",
                    "response_days",
                    "reminder_days",
                    "default_committee",
                )
            },
        ),
        (_("Privacy"), {"fields": ("supporter_retention_months",)}),
    )


@admin.register(Topic)
class TopicAdmin(MunicipalityScopedAdmin):
    list_display = ("name", "slug", "municipality")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Proposal)
class ProposalAdmin(MunicipalityScopedAdmin):
    """Read-only overview: proposals change through the staff pages, which keep the timeline."""

    list_display = ("title", "state", "support_count", "threshold", "published_at", "answer_due")
    list_filter = ("state", "municipality")
    search_fields = ("title", "case_number")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
