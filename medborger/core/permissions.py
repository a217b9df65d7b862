"""Every view declares its permission here; a test fails on any URL whose view does not.

    @permission("core.view_public")
    def front(request): ...

    @permission("places.edit_info_page", obj=load_page)
    def edit(request, kind): ...

`obj(request, **kwargs)` loads the object the rule is checked against (and raises Http404 for an
object of another municipality); the view finds it again as `request.permission_object`. Without
`obj`, the rule is checked against the request's municipality.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
PERMISSION_ATTRIBUTE = "medborger_permission"


def permission(
    perm: str, *, obj: Callable[..., Any] | None = None
) -> Callable[[ViewFunc], ViewFunc]:
    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            target = (
                obj(request, *args, **kwargs)
                if obj is not None
                else getattr(request, "municipality", None)
            )
            request.permission_object = target  # type: ignore[attr-defined]
            if not request.user.has_perm(perm, target):
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied(perm)
            return view(request, *args, **kwargs)

        setattr(wrapped, PERMISSION_ATTRIBUTE, perm)
        return wrapped  # type: ignore[return-value]

    return decorator


def declared_permission(callback: Any) -> str | None:
    """The permission a resolved URL callback declares, for function and class-based views."""
    for candidate in (callback, getattr(callback, "view_class", None)):
        value = getattr(candidate, PERMISSION_ATTRIBUTE, None)
        if value:
            return str(value)
    return None
