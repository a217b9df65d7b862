"""What an agenda item may link to: an allow-list of model labels, checked via django.apps so
that apps built later (hearings, co-creation) need no import here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from medborger.meetings.models import AgendaItem

LINKABLE_LABELS = (
    "proposals.proposal",
    "budgeting.budgetproject",
    "hearings.hearing",
    "cocreation.output",
)


def linkable_labels() -> list[str]:
    """The allow-listed labels whose app and model are installed."""
    found = []
    for label in LINKABLE_LABELS:
        app_label, model_name = label.split(".")
        try:
            apps.get_model(app_label, model_name)
        except LookupError:
            continue
        found.append(label)
    return found


def content_type_choices() -> Any:
    from django.contrib.contenttypes.models import ContentType

    labels = linkable_labels()
    pks = []
    for label in labels:
        app_label, model_name = label.split(".")
        pks.append(ContentType.objects.get_for_model(apps.get_model(app_label, model_name)).pk)
    return ContentType.objects.filter(pk__in=pks)


def _municipality_id(obj: Any) -> int | None:
    for attr in ("municipality_id",):
        if hasattr(obj, attr):
            return getattr(obj, attr)
    for parent in ("process", "group"):
        rel = getattr(obj, parent, None)
        if rel is not None and hasattr(rel, "municipality_id"):
            return rel.municipality_id
    return None


def validate_link(item: AgendaItem) -> None:
    if item.linked_type_id is None and item.linked_id is None:
        return
    if item.linked_type_id is None or item.linked_id is None:
        raise ValidationError(_("Choose both what kind of thing to link to and which one."))
    ct = item.linked_type
    if ct is None:
        raise ValidationError({"linked_type": _("Choose what kind of thing to link to.")})
    if f"{ct.app_label}.{ct.model}" not in linkable_labels():
        raise ValidationError(
            {"linked_type": _("An agenda item cannot link to this kind of thing.")}
        )
    model = ct.model_class()
    target = model._default_manager.filter(pk=item.linked_id).first() if model else None
    if target is None:
        raise ValidationError({"linked_id": _("The linked item does not exist.")})
    m_id = _municipality_id(target)
    if item.meeting_id and m_id is not None and m_id != item.meeting.municipality_id:
        raise ValidationError({"linked_id": _("The linked item belongs to another municipality.")})
