from django.contrib import admin
from django.http import HttpRequest

from medborger.comments.models import Comment, CommentReport
from medborger.core.admin_mixins import MunicipalityScopedAdmin


class CommentReportInline(admin.TabularInline):
    model = CommentReport
    extra = 0
    can_delete = False
    fields = ("reason", "text", "status", "created_at", "resolved_at")
    readonly_fields = fields
    show_change_link = True


@admin.register(Comment)
class CommentAdmin(MunicipalityScopedAdmin):
    list_display = ("__str__", "municipality", "created_at", "report_count", "is_hidden")
    list_filter = ("is_hidden", "auto_hidden")
    search_fields = ("body",)
    date_hierarchy = "created_at"
    raw_id_fields = ("parent", "author", "hidden_by")
    readonly_fields = (
        "municipality",
        "content_type",
        "object_id",
        "parent",
        "depth",
        "author",
        "created_at",
        "edited_at",
        "report_count",
        "auto_hidden",
        "hidden_at",
        "hidden_by",
    )
    inlines = [CommentReportInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments are written on the site, by their authors


@admin.register(CommentReport)
class CommentReportAdmin(MunicipalityScopedAdmin):
    list_display = ("comment", "reason", "status", "created_at")
    list_filter = ("status", "reason")
    raw_id_fields = ("comment", "reporter", "resolved_by")
    readonly_fields = ("municipality", "comment", "reporter", "created_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # reports are made on the site
