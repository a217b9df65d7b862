"""Verifying a person: from an eID assertion to an Identity row, never storing the raw number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from medborger.accounts.models import Identity, User
from medborger.core.audit import snapshot
from medborger.domain.identity import match_key, person_key
from medborger.places.models import Area, Municipality


class IdentityError(Exception):
    """A verification that cannot be accepted; the message is for the user."""


@dataclass(frozen=True)
class EidAssertion:
    """What an eID broker told us about a person, before we reduce it to a person key."""

    provider: str
    scheme: str  # "dk-cpr", "se-pnr" or "subject"
    subject: str  # normalised national id or the broker's subject
    assurance_level: int
    birth_date: date | None = None
    residence_area: Area | None = None
    residence_municipality: Municipality | None = None
    full_name: str = ""  # used only to compute the match key, never stored
    # Set when the keys were made earlier from the raw claims (an eID log-in that passes through
    # allauth, which stores what it is given): then subject and full_name are empty.
    person_key: str = ""
    match_key: str | None = None


def key_for(assertion: EidAssertion) -> str:
    if assertion.person_key:
        return assertion.person_key
    return person_key(settings.PERSON_KEY_PEPPER, assertion.scheme, assertion.subject)


def match_key_for(assertion: EidAssertion) -> str | None:
    if assertion.person_key:
        return assertion.match_key
    if assertion.full_name and assertion.birth_date:
        return match_key(settings.PERSON_KEY_PEPPER, assertion.full_name, assertion.birth_date)
    return None


def identity_owner(assertion: EidAssertion) -> User | None:
    identity = Identity.objects.select_related("user").filter(person_key=key_for(assertion)).first()
    return identity.user if identity else None


@transaction.atomic
def identity_verify(*, user: User, assertion: EidAssertion, now: datetime) -> Identity:
    """Attach a verified identity to a user, or refresh it. One person, one account."""
    key = key_for(assertion)
    other = Identity.objects.filter(person_key=key).exclude(user=user).exists()
    if other:
        raise IdentityError(
            _("This person is already verified on another account. Sign in to that account.")
        )
    existing = Identity.objects.filter(user=user).first()
    if existing is not None and existing.person_key != key:
        raise IdentityError(
            _("This account is already verified as another person. Contact the municipality.")
        )
    municipality = assertion.residence_municipality or (
        assertion.residence_area.municipality if assertion.residence_area else None
    )
    fields: dict[str, Any] = {
        "provider": assertion.provider,
        "birth_year": assertion.birth_date.year if assertion.birth_date else None,
        "residence_area": assertion.residence_area,
        "residence_municipality": municipality,
        "assurance_level": assertion.assurance_level,
        "verified_at": now,
        "match_key": match_key_for(assertion),
    }
    try:
        identity, _created = Identity.objects.update_or_create(
            user=user, defaults={**fields, "person_key": key}
        )
    except IntegrityError:  # a concurrent verification of the same person won
        raise IdentityError(
            _("This person is already verified on another account. Sign in to that account.")
        ) from None
    return identity


def identity_export(identity: Identity | None) -> dict[str, Any] | None:
    data = snapshot(identity, exclude=("person_key", "match_key"))
    if data is not None:
        data["person_key"] = "(kept as a one-way key; the national id is not stored)"
    return data
