"""Account services: settings, the data download and deleting an account."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.db import transaction
from django.db.models import ForeignKey, Q

from medborger.accounts.identity import identity_export
from medborger.accounts.models import Identity, NotificationFrequency, User
from medborger.core.audit import admin_log_forget, audit_forget, snapshot
from medborger.core.personal_data import erase_all, erased_label, export_all


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
    their author link is set to NULL by the foreign keys. Before the row goes, every app
    anonymises the copies of the name, email or phone it made (erase_all), the audit log forgets
    them (audit_forget), and so do the log-in records and the admin's change log. Supports and
    ballots are political opinion: a support stays counted, without the name (see
    medborger.proposals.services.proposals_erase); a ballot never names its voter.
    tests/privacy/test_database_dump.py checks that no name or email remains anywhere."""
    emails = {
        address.strip()
        for address in [
            user.email or "",
            *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
        ]
        if address and address.strip()
    }
    name = user.name.strip()
    removed = erase_all(user)
    # A full name, an address or a phone number identifies one person, so entries that merely
    # mention it are cleaned too; a one-word name (or a default label such as "Resident") is
    # cleaned only in the entries the person made or that are about their own rows.
    identifying = {text for text in emails | removed | {name} if _identifies_one_person(text)}
    rows = _rows_of(user)
    audit_forget(
        actor_id=user.pk,
        texts=emails | removed | {name},
        everywhere=identifying,
        linked_targets=rows,
    )
    admin_log_forget(
        texts=emails | removed | {name}, everywhere=identifying, rows=rows, label=erased_label()
    )
    usernames = Q()
    for address in emails:
        usernames |= Q(username__iexact=address)
    if usernames:
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(usernames).delete()
    user.delete()


def _identifies_one_person(text: str) -> bool:
    """An email address, a name of two words or more, or a phone number (six digits or more)."""
    text = text.strip()
    digits = sum(ch.isdigit() for ch in text)
    return "@" in text or len(text.split()) > 1 or digits >= 6


def _rows_of(user: User) -> dict[str, set[str]]:
    """Every row that points at the user, as model label → ids (for the audit log)."""
    rows: dict[str, set[str]] = {User._meta.label: {str(user.pk)}}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if (
                isinstance(field, ForeignKey)  # OneToOneField is a ForeignKey
                and field.concrete
                and field.related_model is User
            ):
                ids = model._base_manager.filter(**{field.name: user}).values_list("pk", flat=True)
                rows.setdefault(model._meta.label, set()).update(str(pk) for pk in ids)
    return rows
