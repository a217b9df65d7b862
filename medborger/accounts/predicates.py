"""Predicates for django-rules: role × municipality × (later) phase of a process.

Every predicate takes (user, obj). `obj` is a Municipality or anything with a `municipality`
attribute (or `municipality_id`); the role must be held in that municipality.
"""

from __future__ import annotations

from typing import Any

import rules
from django.db import connection

from medborger.accounts.models import MFA_ROLES, STAFF_ROLES, Role
from medborger.core import fixed_sql


def municipality_id_of(obj: Any) -> int | None:
    if obj is None:
        return None
    from medborger.places.models import Municipality

    if isinstance(obj, Municipality):
        return obj.pk
    value = getattr(obj, "municipality_id", None)
    if value is not None:
        return int(value)
    municipality = getattr(obj, "municipality", None)
    return municipality.pk if municipality is not None else None


# Written out, not built by the ORM: every signed-in request reads the roles (the TOTP check).
_ROLES = "SELECT municipality_id, role FROM accounts_roleassignment WHERE user_id = %s"


def roles_of(user: Any) -> frozenset[tuple[int | None, str]]:
    """All (municipality id, role) pairs of a user, read once per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_medborger_roles", None)
    if cached is None:
        with fixed_sql.cursor(connection) as cursor:
            cursor.execute(_ROLES, [user.pk])
            cached = frozenset((m, str(r)) for m, r in cursor.fetchall())
        user._medborger_roles = cached
    return cached


def forget_roles(user: Any) -> None:
    """Call after changing a user's roles within the same request."""
    if hasattr(user, "_medborger_roles"):
        del user._medborger_roles


@rules.predicate
def is_platform_admin(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser) or any(r == Role.PLATFORM_ADMIN for _m, r in roles_of(user))


def has_role(role: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role:{role}")
    def predicate(user: Any, obj: Any = None) -> bool:
        municipality_id = municipality_id_of(obj)
        return municipality_id is not None and (municipality_id, role) in roles_of(user)

    return predicate


@rules.predicate
def has_any_staff_role(user: Any, obj: Any = None) -> bool:
    municipality_id = municipality_id_of(obj)
    return any(m == municipality_id and r in STAFF_ROLES for m, r in roles_of(user))


def needs_mfa(user: Any) -> bool:
    """Staff roles, politicians and superusers must use TOTP."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_staff) or any(
        r in MFA_ROLES for _m, r in roles_of(user)
    )


@rules.predicate
def is_authenticated(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


@rules.predicate
def is_verified(user: Any, obj: Any = None) -> bool:
    """The user has a verified identity at the level the municipality requires."""
    if not is_authenticated(user):
        return False
    identity = getattr(user, "identity", None)
    if identity is None:
        return False
    from medborger.places.models import AssuranceLevel, Municipality

    required: int = AssuranceLevel.SUBSTANTIAL
    municipality = obj if isinstance(obj, Municipality) else getattr(obj, "municipality", None)
    if municipality is not None:
        required = municipality.required_assurance
        # Verified as a resident of another municipality does not count here.
        if identity.residence_municipality_id != municipality.pk:
            return False
    return bool(identity.assurance_level >= required)


is_resident = has_role(Role.RESIDENT)
is_moderator = has_role(Role.MODERATOR) | is_platform_admin
is_case_officer = has_role(Role.CASE_OFFICER)
is_committee_secretary = has_role(Role.COMMITTEE_SECRETARY)
is_politician = has_role(Role.POLITICIAN)
is_municipal_admin = has_role(Role.MUNICIPAL_ADMIN) | is_platform_admin
is_staff_here = has_any_staff_role | is_platform_admin
