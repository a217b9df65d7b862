"""Every URL pattern's view declares a permission (medborger.core.permissions.permission).

Third-party views are listed below with the reason they are trusted to guard themselves."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import rules
from django.urls import URLPattern, URLResolver, get_resolver

from medborger.core.permissions import declared_permission

# URL prefixes served by third-party views that carry their own access control.
THIRD_PARTY = {
    "accounts/": "django-allauth: sign-in, sign-up, MFA; each view enforces its own login state",
    "admin/": "Django admin: staff-only, scoped by MunicipalityScopedAdmin",
    "api/v1/": "django-ninja: the open-data API, public read-only, tenant-scoped in api.py",
    "^media/": "uploaded files, served by Django only with DEBUG on",
}


def walk(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.callback


def test_every_view_declares_a_permission() -> None:
    missing = []
    unknown = []
    seen = 0
    for route, callback in walk(get_resolver()):
        module = getattr(callback, "__module__", "") or ""
        if any(route.startswith(prefix) for prefix in THIRD_PARTY):
            continue
        seen += 1
        declared = declared_permission(callback)
        if not declared:
            missing.append(f"{route} → {module}.{getattr(callback, '__name__', callback)}")
        elif not rules.perm_exists(declared):
            unknown.append(f"{route} → {declared}")
    assert seen > 10, "the walk found too few of our own views"
    assert not missing, "views without @permission:\n" + "\n".join(missing)
    assert not unknown, "permissions not defined in any rules.py:\n" + "\n".join(unknown)


def test_the_walk_would_catch_an_undeclared_view() -> None:
    def naked_view(request):  # type: ignore[no-untyped-def]
        return None

    assert declared_permission(naked_view) is None
