"""What each app holds about a person, gathered for the profile's data download.

Apps register an exporter in their AppConfig.ready(); the profile page calls them all.
tests/accounts/test_export.py fails when a model that points at the user has no exporter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import translation
from django.utils.translation import gettext

Exporter = Callable[[Any], Any]
_EXPORTERS: dict[str, Exporter] = {}


def register_exporter(section: str, exporter: Exporter) -> None:
    _EXPORTERS[section] = exporter


def export_all(user: Any) -> dict[str, Any]:
    return {section: exporter(user) for section, exporter in sorted(_EXPORTERS.items())}


# --- erasure (GDPR art. 17) -----------------------------------------------------------------------
#
# Deleting the user row removes most of a person's data through the foreign keys (CASCADE for what
# is only theirs, SET_NULL for contributions that stay as "deleted participant"). An app that
# copied the person's name, email or phone into a row of its own (a name shown beside a support,
# a contact person on a booking) registers an eraser that anonymises those copies. The eraser
# runs inside the account deletion's transaction, before the user row goes, and returns the
# texts it removed, so the audit log can forget them too. tests/privacy/test_database_dump.py
# proves it: after the demo and an erasure, the database holds no name or email of the person.

Eraser = Callable[[Any], Iterable[str]]
_ERASERS: dict[str, Eraser] = {}


def register_eraser(section: str, eraser: Eraser) -> None:
    _ERASERS[section] = eraser


def erase_all(user: Any) -> set[str]:
    removed: set[str] = set()
    for _section, eraser in sorted(_ERASERS.items()):
        removed.update(text for text in eraser(user) if text)
    return removed


def erased_label(language: str | None = None) -> str:
    """What stands where a deleted person's name stood, in the municipality's language."""
    with translation.override(language):
        return gettext("deleted participant")


def erase_contact(row: Any, user: Any, *, language: str | None = None) -> list[str]:
    """Anonymise the `responsible_name`, `responsible_email` and `responsible_phone` a person typed
    about themselves (the name or an address is the account's); someone else named as the
    contact is left alone. The row keeps a reachable-looking value ("—"), as its check
    constraint asks. Returns the removed texts; the caller saves the row."""
    emails = {e.casefold() for e in [getattr(user, "email", None) or ""] if e}
    emails |= {e.casefold() for e in user.emailaddress_set.values_list("email", flat=True)}
    name = (getattr(user, "name", "") or "").strip().casefold()
    is_own = (
        (name and row.responsible_name.strip().casefold() == name)
        or (row.responsible_email.strip().casefold() in emails and row.responsible_email.strip())
        # An account with neither a name nor an email (signed up with eID only) cannot be
        # told from the contact it typed on its own row: anonymise rather than keep.
        or (not name and not emails)
    )
    if not is_own:
        return []
    removed = [row.responsible_name, row.responsible_email, row.responsible_phone]
    row.responsible_name = erased_label(language)
    row.responsible_email = ""
    row.responsible_phone = "—"
    return [text for text in removed if text.strip()]


def erase_contacts(rows: Iterable[Any], user: Any) -> list[str]:
    """erase_contact() on each row (in its municipality's language), saving the rows it changed;
    the rows need `municipality` (select it along). Returns every removed text."""
    removed: list[str] = []
    for row in rows:
        texts = erase_contact(row, user, language=row.municipality.default_language)
        if texts:
            row.save(update_fields=["responsible_name", "responsible_email", "responsible_phone"])
            removed += texts
    return removed
