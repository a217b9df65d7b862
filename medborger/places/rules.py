import rules

from medborger.accounts.predicates import is_municipal_admin

rules.add_perm("places.view_info_page", rules.always_allow)
rules.add_perm("places.edit_info_page", is_municipal_admin)
