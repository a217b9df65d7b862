"""Who may see efforts and who may say what serves a goal. Efforts, plans, their financing and
who does what are public; staff edit them in the Django admin (scoped to their municipality).

The staff who keep the municipality's goals (case officers and municipal administrators, as for
importing measurements in medborger/goals/rules.py) declare which goals a funded budget project
or an adopted proposal serves."""

import rules

from medborger.accounts.models import Role
from medborger.accounts.predicates import has_role, is_municipal_admin, is_platform_admin

is_goal_keeper = has_role(Role.CASE_OFFICER) | is_municipal_admin | is_platform_admin

rules.add_perm("efforts.view", rules.always_allow)
rules.add_perm("efforts.declare_contribution", is_goal_keeper)
