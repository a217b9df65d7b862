"""django-axes hooks: which username a login attempt was for, and the lockout page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def login_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    if credentials:
        value = credentials.get("login") or credentials.get("email") or credentials.get("username")
        if value:
            return str(value).lower()
    value = request.POST.get("login") if request.method == "POST" else None
    return value.lower() if value else None


def lockout_response(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    return render(request, "accounts/locked_out.html", status=429)
