"""Tenancy by host name, and the language of each request."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.db.models import FileField
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from medborger.places.models import Municipality

SUPPORTED = {code for code, _name in settings.LANGUAGES}


# Every request needs its municipality, and a municipality's row changes rarely (its settings
# page). So each worker keeps what it read for a host name MEDBORGER_HOST_MEMORY_SECONDS (10 by
# default). The worker that saves a municipality forgets at once (forget_hosts, on every save and
# delete); the others within that time. docs/decisions/0004-vote-statements-in-sql.md.
_HOSTS_KEPT = 1_000  # a bound on the memory; ALLOWED_HOSTS already limits the host names
_by_host: dict[str, tuple[float, tuple[Any, ...] | None]] = {}


def _read_municipality_for_host(host: str) -> Municipality | None:
    for candidate in Municipality.objects.filter(hosts__icontains=host):
        if host in candidate.host_list():
            return candidate
    only_two = list(Municipality.objects.all()[:2])
    return only_two[0] if len(only_two) == 1 else None


@cache
def _field_names() -> tuple[str, ...]:
    """The columns in the order _row_of keeps them (worked out once, not on every request)."""
    return tuple(f.attname for f in Municipality._meta.concrete_fields)


def _row_of(municipality: Municipality) -> tuple[Any, ...]:
    """The values as loaded from the database; a file (the logo) as its stored name, so each copy
    gets a file object of its own."""
    return tuple(
        f.get_prep_value(getattr(municipality, f.attname))
        if isinstance(f, FileField)
        else getattr(municipality, f.attname)
        for f in Municipality._meta.concrete_fields
    )


def municipality_for_host(host: str) -> Municipality | None:
    """The municipality that serves this host name; on a one-municipality install, that one.

    Each call returns its own object (built from the kept row), so a request that changes its
    copy, for example through a form, changes no other request's."""
    host = host.split(":")[0].lower().rstrip(".")
    now = time.monotonic()
    kept = _by_host.get(host)
    if kept is None or kept[0] <= now:
        found = _read_municipality_for_host(host)
        row = None if found is None else _row_of(found)
        if len(_by_host) >= _HOSTS_KEPT:
            _by_host.clear()
        kept = _by_host[host] = (now + settings.MEDBORGER_HOST_MEMORY_SECONDS, row)
    if kept[1] is None:
        return None
    return Municipality.from_db("default", list(_field_names()), copy.deepcopy(kept[1]))


def forget_hosts(**_kwargs: Any) -> None:
    """Read every municipality afresh on the next request (a municipality was saved or deleted)."""
    _by_host.clear()


class MunicipalityMiddleware:
    """Sets request.municipality. Every selector filters by it, so tenants never see each other."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.municipality = municipality_for_host(request.get_host())  # type: ignore[attr-defined]
        return self.get_response(request)


def offered_languages(request: HttpRequest) -> list[str]:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        return [code for code, _name in settings.LANGUAGES]
    return [code for code in municipality.languages if code in SUPPORTED]


def choose_language(request: HttpRequest) -> str:
    """Cookie, then the user's saved choice, then the browser's, then the municipality's default."""
    offered = offered_languages(request)
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in offered:
        return str(cookie)
    user = getattr(request, "user", None)
    preferred = getattr(user, "preferred_language", "") if user is not None else ""
    if preferred in offered:
        return str(preferred)
    municipality = getattr(request, "municipality", None)
    default = municipality.default_language if municipality else settings.LANGUAGE_CODE
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        short = code.split("-")[0].lower()
        if short in offered and short != "en":
            return short
    return default if default in offered else offered[0]


def remember_language(response: HttpResponse, language: str) -> HttpResponse:
    """Set (or, for an empty choice, forget) the language cookie with the configured flags."""
    if not language:
        response.delete_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
        )
        return response
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=False,
    )
    return response


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = choose_language(request)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        # override() restores the thread's language afterwards, so no request leaks its language
        # into the next one handled by the same thread.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
