"""What places holds about a person: committee seats and organisations they answer for."""

from __future__ import annotations

from typing import Any

from medborger.places.models import Committee, CommitteeMembership, InfoPage, Organisation


def places_export(user: Any) -> dict[str, Any]:
    return {
        "committee_memberships": [
            {"committee": m.committee.name, "role": m.role, "party": m.party}
            for m in CommitteeMembership.objects.filter(user=user).select_related("committee")
        ],
        "committee_secretary_of": list(
            Committee.objects.filter(secretary=user).values_list("name", flat=True)
        ),
        "organisations_responsible_for": list(
            Organisation.objects.filter(responsible_person=user).values_list("name", flat=True)
        ),
        "info_pages_last_edited": [
            {"title": p.title, "language": p.language, "updated_at": p.updated_at.isoformat()}
            for p in InfoPage.objects.filter(updated_by=user)
        ],
    }
