from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from medborger.accounts.predicates import is_staff_here
from medborger.core.middleware import offered_languages

LANGUAGE_NAMES = {"da": "Dansk", "sv": "Svenska", "en": "English"}


def site(request: HttpRequest) -> dict[str, Any]:
    municipality = getattr(request, "municipality", None)
    return {
        "municipality": municipality,
        "offered_languages": [(c, LANGUAGE_NAMES[c]) for c in offered_languages(request)],
        "fake_eid_enabled": settings.DEBUG and settings.MEDBORGER_FAKE_EID,
        "show_staff_link": municipality is not None and is_staff_here(request.user, municipality),
    }
