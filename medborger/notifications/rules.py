import rules

from medborger.accounts.predicates import is_authenticated

rules.add_perm("notifications.view_own", is_authenticated)
rules.add_perm("notifications.follow", is_authenticated)
