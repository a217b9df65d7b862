from __future__ import annotations

from django.db.models import QuerySet

from medborger.places.models import Area, InfoPage, Municipality


def info_page_for(*, municipality: Municipality, kind: str, language: str) -> InfoPage | None:
    """The page in the reader's language, else in the municipality's default language."""
    pages = {p.language: p for p in InfoPage.objects.filter(municipality=municipality, kind=kind)}
    return (
        pages.get(language)
        or pages.get(municipality.default_language)
        or next(iter(pages.values()), None)
    )


def areas_of(*, municipality: Municipality) -> QuerySet[Area]:
    return Area.objects.filter(municipality=municipality).select_related("parent")
