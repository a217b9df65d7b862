"""Who may do what with participatory budgets. Eligibility, the phase and authorship are checked
again in the services, which say why in the user's language."""

import rules

from medborger.accounts.models import Role
from medborger.accounts.predicates import (
    has_role,
    is_authenticated,
    is_municipal_admin,
    is_platform_admin,
)

is_ballot_staff = has_role(Role.CASE_OFFICER) | is_municipal_admin | is_platform_admin

rules.add_perm("budgeting.view", rules.always_allow)
rules.add_perm("budgeting.view_list", rules.always_allow)
rules.add_perm("budgeting.vote", is_authenticated)
rules.add_perm("budgeting.propose", is_authenticated)
rules.add_perm("budgeting.reply", is_authenticated)
rules.add_perm("budgeting.staff", is_ballot_staff)
rules.add_perm("budgeting.review", is_ballot_staff)
rules.add_perm("budgeting.enter_paper", is_ballot_staff)
rules.add_perm("budgeting.confirm_paper", is_ballot_staff)
rules.add_perm("budgeting.verify", is_ballot_staff)
rules.add_perm("budgeting.replay", is_ballot_staff)
