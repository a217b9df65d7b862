"""Who may do what with the implementation of funded projects. Residents read and follow (the
follow itself is notifications.follow); the municipality's case officers and administrators keep
the records. What may change, and why not, is checked again in the services."""

import rules

from medborger.accounts.models import Role
from medborger.accounts.predicates import has_role, is_municipal_admin

is_delivery_staff = has_role(Role.CASE_OFFICER) | is_municipal_admin

rules.add_perm("implementation.view_list", rules.always_allow)
rules.add_perm("implementation.view", rules.always_allow)
rules.add_perm("implementation.staff", is_delivery_staff)
rules.add_perm("implementation.manage", is_delivery_staff)
