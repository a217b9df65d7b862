"""Who may do what with citizen proposals. Eligibility (age, area, eID level) and the phase are
checked again in the services, which say why in the user's language."""

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
from medborger.domain.lifecycle.proposals import EDITABLE, PUBLIC, State


@rules.predicate
def is_author(user: Any, proposal: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and proposal is not None
        and getattr(proposal, "author_id", None) == user.pk
    )


@rules.predicate
def is_public(user: Any, proposal: Any) -> bool:
    if proposal is None or not hasattr(proposal, "state"):
        return False
    state = State(proposal.state)
    return state in PUBLIC or (state == State.WITHDRAWN and proposal.published_at is not None)


@rules.predicate
def is_coproposer(user: Any, proposal: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or proposal is None:
        return False
    return bool(proposal.coproposers.filter(user=user).exists())


@rules.predicate
def is_draft(user: Any, proposal: Any) -> bool:
    return proposal is not None and State(proposal.state) in EDITABLE


is_reviewer = (
    has_role(Role.MODERATOR) | has_role(Role.CASE_OFFICER) | is_municipal_admin | is_platform_admin
)
is_secretary = has_role(Role.COMMITTEE_SECRETARY) | is_municipal_admin | is_platform_admin
is_case_handler = (
    has_role(Role.CASE_OFFICER)
    | has_role(Role.COMMITTEE_SECRETARY)
    | is_municipal_admin
    | is_platform_admin
)

rules.add_perm("proposals.view_list", rules.always_allow)
rules.add_perm("proposals.view", is_public | is_author | is_coproposer | is_staff_here)
rules.add_perm("proposals.create", is_authenticated)
rules.add_perm("proposals.edit", is_author & is_draft)
rules.add_perm("proposals.submit", is_author & is_draft)
rules.add_perm("proposals.withdraw", is_author)
rules.add_perm("proposals.coproposer_join", is_authenticated)
rules.add_perm("proposals.support", is_authenticated)
rules.add_perm("proposals.ask", is_author | is_coproposer)
rules.add_perm("proposals.staff", is_staff_here)
rules.add_perm("proposals.review", is_reviewer)
rules.add_perm("proposals.enter_paper", is_reviewer)
rules.add_perm("proposals.refer", is_secretary)
rules.add_perm("proposals.answer", is_secretary)
rules.add_perm("proposals.finish", is_case_handler)
rules.add_perm("proposals.answer_question", is_case_handler)
