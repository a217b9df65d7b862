"""System checks that refuse unsafe configurations at start-up."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register("security", deploy=False)
def fake_eid_needs_debug(app_configs: Any, **kwargs: Any) -> list[Error]:
    if settings.MEDBORGER_FAKE_EID and not settings.DEBUG:
        return [
            Error(
                "The fake eID provider cannot be enabled with DEBUG off.",
                hint="Unset MEDBORGER_FAKE_EID. Real eID goes through an OpenID Connect broker.",
                id="medborger.E001",
            )
        ]
    return []


@register("security", deploy=False)
def person_key_pepper_set(app_configs: Any, **kwargs: Any) -> list[Error]:
    if not settings.PERSON_KEY_PEPPER:
        return [
            Error(
                "MEDBORGER_PERSON_KEY_PEPPER is empty: verified identities cannot be stored.",
                id="medborger.E002",
            )
        ]
    return []
