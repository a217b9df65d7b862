from __future__ import annotations

from typing import Any

from django.db import transaction

from medborger.core.audit import audit_record, snapshot
from medborger.places.models import InfoPage, Municipality


@transaction.atomic
def info_page_save(
    *, actor: Any, municipality: Municipality, kind: str, language: str, title: str, body: str
) -> InfoPage:
    page = (
        InfoPage.objects.select_for_update()
        .filter(municipality=municipality, kind=kind, language=language)
        .first()
    )
    before = snapshot(page)
    if page is None:
        page = InfoPage(municipality=municipality, kind=kind, language=language)
    page.title = title
    page.body = body
    page.updated_by = actor
    page.full_clean()
    page.save()
    audit_record(
        actor=actor,
        action="info_page.created" if before is None else "info_page.changed",
        target=page,
        before=before or {},
        after=snapshot(page),
    )
    return page
