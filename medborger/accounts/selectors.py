from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from medborger.accounts.models import EidProvider, Identity
from medborger.places.models import Area


def identity_of(user: Any) -> Identity | None:
    return Identity.objects.filter(user=user).select_related("residence_area").first()


def eid_providers_for(*, municipality: Any) -> QuerySet[EidProvider]:
    return EidProvider.objects.filter(municipality=municipality, enabled=True)


def area_by_slug(*, municipality: Any, slug: str) -> Area | None:
    return Area.objects.filter(municipality=municipality, slug=slug).first()
