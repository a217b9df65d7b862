import rules

from medborger.accounts.predicates import is_authenticated

rules.add_perm("accounts.view_profile", is_authenticated)
rules.add_perm("accounts.export_data", is_authenticated)
rules.add_perm("accounts.delete_account", is_authenticated)
rules.add_perm("accounts.use_fake_eid", rules.always_allow)
rules.add_perm("accounts.verify_identity", is_authenticated)
