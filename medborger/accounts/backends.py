"""The authentication backend: allauth's, with the signed-in user read by one fixed statement.

Every signed-in request loads its user (django.contrib.auth's middleware asks the backend that
signed the user in). Django's ModelBackend builds that SELECT with the ORM each time; here it is
written once and, on PostgreSQL, prepared once per connection (medborger/core/fixed_sql.py):
about 0.2 ms less per request, measured by bench/http.py (docs/decisions/0005-prepared-statements.md).
Signing in, passwords and everything else are allauth's."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.db import connections, router

from medborger.core import fixed_sql


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id: Any) -> Any:
        """The active user with this id, as ModelBackend.get_user gives it; None otherwise."""
        model = get_user_model()
        connection = connections[router.db_for_read(model)]
        user = fixed_sql.instance(
            connection, model, f"{connection.ops.quote_name(model._meta.pk.column)} = %s", [user_id]
        )
        return user if user is not None and self.user_can_authenticate(user) else None
