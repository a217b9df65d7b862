from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from medborger.accounts.services import user_set_language
from medborger.core.middleware import offered_languages, remember_language
from medborger.core.permissions import permission
from medborger.core.selectors import audit_entries_for, open_now


@permission("core.view_public")
@require_safe
def front(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    sections = open_now(municipality=municipality) if municipality else []
    return render(request, "core/front.html", {"sections": sections})


@permission("core.view_public")
@require_safe
def help_page(request: HttpRequest) -> HttpResponse:
    return render(request, "core/help.html")


@permission("core.view_public")
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: a plain form post, so it works without JavaScript."""
    language = request.POST.get("language", "")
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if language in offered_languages(request):
        remember_language(response, language)
        if request.user.is_authenticated:
            user_set_language(user=request.user, language=language)  # type: ignore[arg-type]
    return response


@permission("core.view_staff_dashboard")
def staff_dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "core/staff_dashboard.html")


@permission("core.view_audit_log")
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = audit_entries_for(
        municipality=request.municipality,  # type: ignore[attr-defined]
        action=request.GET.get("action", ""),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("side"))
    return render(request, "core/audit_log.html", {"page": page})


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
