"""Who may do what with comments. The edit window is checked in services.comment_edit."""

from __future__ import annotations

from typing import Any

import rules

from medborger.accounts.predicates import is_authenticated, is_moderator, is_municipal_admin


@rules.predicate
def is_comment_author(user: Any, comment: Any) -> bool:
    author_id = getattr(comment, "author_id", None)
    return author_id is not None and author_id == getattr(user, "pk", None)


# Anyone may read comments, signed in or not.
rules.add_perm("comments.view", rules.always_allow)
# Any signed-in, active person may write (whether the target is open is checked in the service).
rules.add_perm("comments.add", is_authenticated)
rules.add_perm("comments.edit", is_authenticated & is_comment_author)
rules.add_perm("comments.report", is_authenticated & ~is_comment_author)
# Moderators, and the municipal admin who appoints them (in their own municipality).
rules.add_perm("comments.moderate", is_moderator | is_municipal_admin)
