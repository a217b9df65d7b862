"""Account services: settings, the data download and deleting an account."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from django.db import transaction

from medborger.accounts.identity import identity_export
from medborger.accounts.models import Identity, NotificationFrequency, User
from medborger.core.audit import snapshot
from medborger.core.personal_data import export_all


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])


@transaction.atomic
def fake_eid_sign_in(*, assertion: Any, signed_in_user: User | None, now: datetime) -> User:
    """The demo's test eID: verify the signed-in user, or sign in (or create) the test person's
    own account. All in one transaction, so a refusal leaves no half-made account behind."""
    from medborger.accounts.identity import identity_owner, identity_verify

    user = signed_in_user or identity_owner(assertion)
    if user is None:
        user = User(email=None, name=assertion.full_name)
        user.set_unusable_password()
        user.save()
    identity_verify(user=user, assertion=assertion, now=now)
    return user


@transaction.atomic
def user_update_settings(
    *, user: User, name: str, preferred_language: str, notification_frequency: str
) -> User:
    if notification_frequency not in NotificationFrequency.values:
        raise ValueError(notification_frequency)
    user.name = name.strip()
    user.preferred_language = preferred_language
    user.notification_frequency = notification_frequency
    user.save(update_fields=["name", "preferred_language", "notification_frequency"])
    return user


def user_data_export(*, user: User, now: datetime) -> dict[str, Any]:
    """Everything the platform holds about one person, as JSON-ready data."""
    account = snapshot(user, exclude=("password", "groups", "user_permissions"))
    identity = Identity.objects.filter(user=user).first()
    return {
        "exported_at": now.isoformat(),
        "account": account,
        "identity": identity_export(identity),
        "roles": [
            {
                "role": r.role,
                "municipality": r.municipality.name if r.municipality else None,
                "granted_at": r.granted_at.isoformat(),
            }
            for r in user.role_assignments.select_related("municipality")
        ],
        "email_addresses": list(
            EmailAddress.objects.filter(user=user).values("email", "verified", "primary")
        ),
        **export_all(user),
    }


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the person. Comments and other contributions stay, shown as 'deleted participant':
    their author link is set to NULL by the foreign keys, so no name or email remains."""
    user.delete()
