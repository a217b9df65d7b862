from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from medborger.core.permissions import permission
from medborger.core.plainlanguage import lix_context

MAX_TEXT = 100_000


@permission("core.view_public")
@require_POST
def lix_preview(request: HttpRequest) -> HttpResponse:
    """htmx: the LIX score and hints for the text an author is writing."""
    field = request.POST.get("_lix_field", "body")
    text = request.POST.get(field, "")[:MAX_TEXT]
    language = request.POST.get("_lix_language") or get_language() or "da"
    return render(request, "components/_lix.html", lix_context(text, language))
