import rules

from medborger.accounts.predicates import is_moderator

rules.add_perm("comments.moderate", is_moderator)
