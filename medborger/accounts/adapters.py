"""django-allauth adapters: eID brokers per municipality, and verified identities from them."""

from __future__ import annotations

from datetime import date
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp, SocialLogin
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from medborger.accounts.identity import (
    EidAssertion,
    IdentityError,
    identity_owner,
    identity_verify,
    key_for,
    match_key_for,
)
from medborger.accounts.models import EidProvider, User
from medborger.domain.identity import (
    InvalidNationalId,
    birth_date_from_cpr,
    normalise_cpr,
    normalise_personnummer,
    person_key,
)


class AccountAdapter(DefaultAccountAdapter):
    pass


# The key in SocialAccount.extra_data under which the keys made from the claims are kept.
KEYS = "medborger_keys"


def _claims(data: dict[str, Any]) -> dict[str, Any]:
    return {**(data.get("id_token") or {}), **(data.get("userinfo") or {})} or data


def _keyed_assertion(provider: EidProvider, keys: dict[str, Any]) -> EidAssertion:
    year = keys.get("birth_year")
    return EidAssertion(
        provider=provider.slug,
        scheme=provider.scheme,
        subject="",
        assurance_level=provider.assurance_level,
        birth_date=date(int(year), 1, 1) if year else None,
        residence_municipality=provider.municipality,
        person_key=str(keys["person_key"]),
        match_key=keys.get("match_key"),
    )


def assertion_from_claims(provider: EidProvider, claims: dict[str, Any]) -> EidAssertion:
    """Reduce a broker's claims to what we keep: a person key source, birth date, level."""
    raw = str(claims.get(provider.national_id_claim or "sub") or "")
    birth: date | None = None
    if provider.scheme == EidProvider.Scheme.DK_CPR:
        subject = normalise_cpr(raw)
        birth = birth_date_from_cpr(subject)
    elif provider.scheme == EidProvider.Scheme.SE_PNR:
        subject = normalise_personnummer(raw)
        birth = date(int(subject[0:4]), int(subject[4:6]), int(subject[6:8]))
    else:
        if not raw:
            raise InvalidNationalId("The eID answer had no subject.")
        subject = f"{provider.server_url}|{raw}"
    if provider.birth_date_claim and claims.get(provider.birth_date_claim):
        birth = date.fromisoformat(str(claims[provider.birth_date_claim])[:10])
    name = str(
        claims.get("name")
        or " ".join(str(claims.get(k, "")) for k in ("given_name", "family_name"))
    ).strip()
    return EidAssertion(
        provider=provider.slug,
        full_name=name,
        scheme=provider.scheme,
        subject=subject,
        assurance_level=provider.assurance_level,
        birth_date=birth,
        residence_municipality=provider.municipality,
    )


class EidAccountAdapter(DefaultSocialAccountAdapter):
    """Serves each municipality's eID brokers as allauth OpenID Connect apps."""

    def list_apps(
        self, request: HttpRequest, provider: Any = None, client_id: Any = None
    ) -> list[SocialApp]:
        apps = list(super().list_apps(request, provider=provider, client_id=client_id))
        rows = EidProvider.objects.filter(enabled=True).select_related("municipality")
        municipality = getattr(request, "municipality", None) if request else None
        if municipality is not None:
            rows = rows.filter(municipality=municipality)
        for row in rows:
            if provider not in (None, "openid_connect", row.slug):
                continue
            if client_id not in (None, row.client_id):
                continue
            apps.append(
                SocialApp(
                    provider="openid_connect",
                    provider_id=row.slug,
                    name=row.name,
                    client_id=row.client_id,
                    secret=row.client_secret,
                    settings={"server_url": row.server_url, "scope": ["openid"]},
                )
            )
        return apps

    def _assertion(self, sociallogin: SocialLogin) -> EidAssertion:
        row = EidProvider.objects.select_related("municipality").get(
            slug=sociallogin.account.provider
        )
        data = sociallogin.account.extra_data or {}
        if KEYS in data:
            return _keyed_assertion(row, data[KEYS])
        return assertion_from_claims(row, _claims(data))

    def _keep_only_keys(self, sociallogin: SocialLogin) -> None:
        """allauth stores what the broker said (SocialAccount.extra_data, and `sub` as uid, also
        in the session while a sign-up is pending). The claims hold the CPR number or
        personnummer, the name and the birth date, so before anything is stored they are
        replaced by the keys made from them; the uid becomes the person key."""
        account = sociallogin.account
        row = EidProvider.objects.select_related("municipality").filter(slug=account.provider)
        provider = row.first()
        if provider is None or KEYS in (account.extra_data or {}):
            return
        try:
            assertion = assertion_from_claims(provider, _claims(account.extra_data or {}))
        except (InvalidNationalId, ValueError):
            account.extra_data = {}  # refused in pre_social_login; keep nothing meanwhile
            account.uid = person_key(settings.PERSON_KEY_PEPPER, "refused", account.uid)
            return
        key = key_for(assertion)
        account.extra_data = {
            KEYS: {
                "person_key": key,
                "match_key": match_key_for(assertion),
                # The year is all the identity keeps (eligibility counts by birth year).
                "birth_year": assertion.birth_date.year if assertion.birth_date else None,
            }
        }
        account.uid = key

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        """Signed in: verify the current account. Otherwise sign in the person's own account."""
        try:
            assertion = self._assertion(sociallogin)
        except (EidProvider.DoesNotExist, InvalidNationalId, ValueError) as error:
            raise PermissionDenied(str(error)) from error
        if request.user.is_authenticated:
            try:
                identity_verify(user=request.user, assertion=assertion, now=timezone.now())
            except IdentityError as error:
                messages.error(request, str(error))
                raise PermissionDenied(str(error)) from error
            if not sociallogin.is_existing:
                sociallogin.connect(request, request.user)
            return
        owner = identity_owner(assertion)
        if owner is not None and not sociallogin.is_existing:
            sociallogin.connect(request, owner)

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> User:
        user: User = super().save_user(request, sociallogin, form)
        identity_verify(user=user, assertion=self._assertion(sociallogin), now=timezone.now())
        return user

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data: Any) -> User:
        user: User = super().populate_user(request, sociallogin, data)
        user.email = None  # an eID does not give us an email; the person adds one later
        # Called while allauth builds the log-in from the broker's answer, before it looks up
        # or saves anything: the last moment to drop the raw claims.
        self._keep_only_keys(sociallogin)
        return user
