from __future__ import annotations

import json

from allauth.account.adapter import get_adapter as get_account_adapter
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from medborger.accounts import fake_eid
from medborger.accounts.forms import DeleteAccountForm, FakeEidForm, SettingsForm
from medborger.accounts.identity import EidAssertion, IdentityError
from medborger.accounts.models import User
from medborger.accounts.selectors import area_by_slug, eid_providers_for, identity_of
from medborger.accounts.services import (
    account_delete,
    fake_eid_sign_in,
    user_data_export,
    user_update_settings,
)
from medborger.core.middleware import remember_language
from medborger.core.permissions import permission


@permission("accounts.view_profile")
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            user_update_settings(user=user, **form.cleaned_data)
            messages.success(request, _("Your settings are saved."))
            return remember_language(
                redirect("accounts:profile"), form.cleaned_data["preferred_language"]
            )
    else:
        form = SettingsForm(
            initial={
                "name": user.name,
                "preferred_language": user.preferred_language,
                "notification_frequency": user.notification_frequency,
            }
        )
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "identity": identity_of(user),
            "eid_providers": eid_providers_for(municipality=request.municipality),  # type: ignore[attr-defined]
        },
        status=400 if form.errors else 200,
    )


@permission("accounts.export_data")
def profile_export(request: HttpRequest) -> HttpResponse:
    data = user_data_export(user=request.user, now=timezone.now())  # type: ignore[arg-type]
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="medborger-data-{stamp}.json"'
    return response


@permission("accounts.delete_account")
@require_http_methods(["GET", "POST"])
def account_delete_view(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)  # type: ignore[arg-type]
        messages.success(
            request, _("Your account is deleted. What you wrote stays, without your name.")
        )
        return redirect("core:front")
    return render(
        request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200
    )


@permission("accounts.use_fake_eid")
@require_http_methods(["GET", "POST"])
def fake_eid_view(request: HttpRequest) -> HttpResponse:
    """Pick a fictional test person. Only with DEBUG on and MEDBORGER_FAKE_EID set."""
    if not fake_eid.enabled():
        raise Http404
    municipality = request.municipality  # type: ignore[attr-defined]
    form = FakeEidForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        person = fake_eid.find(form.cleaned_data["person"])
        assert person is not None  # the form only offers known codes
        assertion = EidAssertion(
            provider="fake-eid",
            scheme="dk-cpr",
            subject=person.national_id,
            assurance_level=person.assurance_level,
            birth_date=person.birth_date,
            residence_area=area_by_slug(municipality=municipality, slug=person.area_slug),
            residence_municipality=municipality,
            full_name=person.name,
        )
        signed_in = request.user if request.user.is_authenticated else None
        try:
            user = fake_eid_sign_in(
                assertion=assertion,
                signed_in_user=signed_in,  # type: ignore[arg-type]
                now=timezone.now(),
            )
        except IdentityError as error:
            form.add_error(None, str(error))
        else:
            if signed_in is None:
                get_account_adapter(request).login(request, user)
            messages.success(request, _("You are verified as %(name)s.") % {"name": person.name})
            return redirect("accounts:profile")
    return render(
        request, "accounts/fake_eid.html", {"form": form}, status=400 if form.errors else 200
    )
