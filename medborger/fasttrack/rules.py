"""Who may do what with the fast-track pool. Amounts, deadlines and states are checked again in
the services, which say why in the user's language.

A list and a detail page agree: `selectors.applications_visible_to` filters the same way as
`fasttrack.view_application`."""

from typing import Any

import rules

from medborger.accounts.models import Role
from medborger.accounts.predicates import (
    has_role,
    is_authenticated,
    is_municipal_admin,
    is_platform_admin,
    is_staff_here,
)
from medborger.domain.lifecycle.fasttrack import DECIDED, State


@rules.predicate
def is_applicant(user: Any, application: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and application is not None
        and getattr(application, "applicant_id", None) == user.pk
    )


@rules.predicate
def is_decided(user: Any, application: Any) -> bool:
    if application is None or not hasattr(application, "state"):
        return False
    return State(application.state) in DECIDED


# The delegated official: a case officer of the municipality (or its admin).
is_official = has_role(Role.CASE_OFFICER) | is_municipal_admin | is_platform_admin

rules.add_perm("fasttrack.view_pool", rules.always_allow)
rules.add_perm("fasttrack.apply", is_authenticated)
rules.add_perm("fasttrack.view_own", is_authenticated)
rules.add_perm("fasttrack.view_application", is_decided | is_applicant | is_staff_here)
rules.add_perm("fasttrack.report", is_applicant)
rules.add_perm("fasttrack.staff", is_staff_here)
rules.add_perm("fasttrack.decide", is_official)
rules.add_perm("fasttrack.record_payout", is_official)
