"""Who may see efforts. Efforts, plans, their financing and who does what are public; staff edit
them in the Django admin (scoped to their municipality)."""

import rules

rules.add_perm("efforts.view", rules.always_allow)
