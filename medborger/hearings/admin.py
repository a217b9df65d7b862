from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from medborger.core.admin_mixins import MunicipalityScopedAdmin, ScopedInline
from medborger.hearings.models import (
    Hearing,
    HearingDocument,
    HearingResponse,
    HearingSection,
    HearingTheme,
)


class SectionInline(ScopedInline):
    model = HearingSection
    extra = 1
    fields = ("number", "title", "text")


class DocumentInline(ScopedInline):
    model = HearingDocument
    extra = 1
    fields = ("title", "file")


class ThemeInline(ScopedInline):
    model = HearingTheme
    extra = 2
    fields = ("name",)


@admin.register(Hearing)
class HearingAdmin(MunicipalityScopedAdmin):
    """The administration sets up a hearing here: the text, its sections, the attachments and the
    themes; residents read and respond on /hoeringer/."""

    list_display = ("title", "opens_at", "closes_at", "area", "committee", "is_published")
    list_filter = ("is_published", "municipality")
    search_fields = ("title", "summary")
    fields = (
        "municipality",
        "area",
        "committee",
        "title",
        "summary",
        "body",
        "opens_at",
        "closes_at",
        "is_published",
    )
    inlines = [SectionInline, DocumentInline, ThemeInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # The documents' type and size are kept next to the file for the lists.
        for inline_form in formset.forms:
            instance = inline_form.instance
            if isinstance(instance, HearingDocument) and inline_form.cleaned_data.get("file"):
                upload = inline_form.cleaned_data["file"]
                from medborger.domain.lifecycle.hearings import kind_by_name

                instance.kind = kind_by_name(str(upload.name)) or ""
                instance.size = int(getattr(upload, "size", 0) or 0)
        super().save_formset(request, form, formset, change)


@admin.register(HearingResponse)
class HearingResponseAdmin(MunicipalityScopedAdmin):
    """Read-only overview: replies and themes are written on the staff pages, which keep the
    audit log and tell the author."""

    list_display = ("hearing", "organisation", "stance", "submitted_at", "replied_at")
    list_filter = ("stance", "municipality")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
