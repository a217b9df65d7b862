from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from medborger.core.permissions import permission
from medborger.places.forms import InfoPageForm
from medborger.places.models import InfoPage
from medborger.places.selectors import info_page_for
from medborger.places.services import info_page_save
from medborger.places.statements import initial_for_new_page


def _kind(kind: str) -> str:
    if kind not in InfoPage.Kind.values:
        raise Http404
    return kind


@permission("places.view_info_page")
@require_safe
def info_page(request: HttpRequest, kind: str) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    if municipality is None:
        raise Http404
    page = info_page_for(municipality=municipality, kind=_kind(kind), language=get_language())
    if page is None:
        raise Http404
    return render(request, "places/info_page.html", {"page": page})


@permission("places.edit_info_page")
def info_pages_list(request: HttpRequest) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    if municipality is None:
        raise Http404
    existing = {(p.kind, p.language): p for p in InfoPage.objects.filter(municipality=municipality)}
    rows = [
        (kind, label, [(lang, existing.get((kind, lang))) for lang in municipality.languages])
        for kind, label in InfoPage.Kind.choices
    ]
    return render(request, "places/info_pages_list.html", {"rows": rows})


@permission("places.edit_info_page")
@require_http_methods(["GET", "POST"])
def info_page_edit(request: HttpRequest, kind: str, language: str) -> HttpResponse:
    municipality = request.municipality  # type: ignore[attr-defined]
    if municipality is None or language not in municipality.languages:
        raise Http404
    page = InfoPage.objects.filter(
        municipality=municipality, kind=_kind(kind), language=language
    ).first()
    if page is not None:
        initial = {"title": page.title, "body": page.body}
    else:  # a first accessibility statement starts from its country's template
        initial = initial_for_new_page(municipality=municipality, kind=kind, language=language)
    form = InfoPageForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        checks_placeholders=kind == InfoPage.Kind.ACCESSIBILITY,
    )
    if request.method == "POST" and form.is_valid():
        info_page_save(
            actor=request.user,
            municipality=municipality,
            kind=kind,
            language=language,
            **form.cleaned_data,
        )
        messages.success(request, _("The page is saved and published."))
        return redirect("places:info_pages")
    return render(
        request,
        "places/info_page_edit.html",
        {
            "form": form,
            "kind_label": InfoPage.Kind(kind).label,
            "language": language,
            "from_template": page is None and bool(initial),
        },
        status=400 if form.errors else 200,
    )
