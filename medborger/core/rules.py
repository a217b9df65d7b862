import rules

from medborger.accounts.predicates import is_municipal_admin, is_staff_here

# Public pages: anyone, signed in or not, may read them.
rules.add_perm("core.view_public", rules.always_allow)
rules.add_perm("core.view_staff_dashboard", is_staff_here)
rules.add_perm("core.view_audit_log", is_municipal_admin)
