"""Who may do what with goals. Goals, indicators, measurements and the carbon budget are public;
measurements are imported by a case officer or a municipal administrator."""

import rules

from medborger.accounts.models import Role
from medborger.accounts.predicates import has_role, is_municipal_admin, is_platform_admin

is_data_keeper = has_role(Role.CASE_OFFICER) | is_municipal_admin | is_platform_admin

rules.add_perm("goals.view", rules.always_allow)
rules.add_perm("goals.import_measurements", is_data_keeper)
rules.add_perm("goals.add_measurement", is_data_keeper)
