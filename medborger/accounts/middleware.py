"""Staff accounts must have TOTP set up before they can do anything else."""

from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from medborger.accounts.predicates import needs_mfa

# Paths a staff user without TOTP may still reach: setting it up, signing out, static files.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/sprog/", "/i18n/")


class StaffMfaMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            settings.MEDBORGER_STAFF_MFA_REQUIRED
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and needs_mfa(request.user)
            and not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
