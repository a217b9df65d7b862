"""Who may do what with volunteer teams. Capacity, dates and certificates are checked again in the
services, which say why in the user's language.

Two roles act for a team: its contact person (a membership role within the team) and the
municipality's staff (case officer or municipal admin). The ledger and the child-protection
register are staff only."""

from __future__ import annotations

from typing import Any

import rules

from medborger.accounts.models import Role
from medborger.accounts.predicates import (
    has_role,
    is_authenticated,
    is_municipal_admin,
    is_platform_admin,
)


def team_id_of(obj: Any) -> int | None:
    """The team of a team, activity, session or hours entry."""
    if obj is None:
        return None
    from medborger.volunteering.models import Team

    if isinstance(obj, Team):
        return obj.pk
    team_id = getattr(obj, "team_id", None)
    if team_id is not None:
        return int(team_id)
    series = getattr(obj, "series", None)
    return int(series.team_id) if series is not None else None


@rules.predicate
def is_team_contact(user: Any, obj: Any = None) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    team_id = team_id_of(obj)
    if team_id is None:
        return False
    from medborger.volunteering.models import Membership, MembershipRole

    return Membership.objects.filter(
        team_id=team_id, user=user, role=MembershipRole.CONTACT
    ).exists()


# Municipal staff who act for the programme: a case officer or the municipal admin.
is_official = has_role(Role.CASE_OFFICER) | is_municipal_admin | is_platform_admin

rules.add_perm("volunteering.view", rules.always_allow)
rules.add_perm("volunteering.sign_up", is_authenticated)
rules.add_perm("volunteering.view_own", is_authenticated)
rules.add_perm("volunteering.log_own_hours", is_authenticated)
rules.add_perm("volunteering.manage_team", is_team_contact | is_official)
rules.add_perm("volunteering.staff", is_official)
