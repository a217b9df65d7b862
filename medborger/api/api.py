"""The open-data API (django-ninja), OpenAPI 3 at /api/v1/docs. Only public, non-personal data;
every endpoint reads through the request's municipality, so tenants never see each other."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema

api = NinjaAPI(
    title="Medborger API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    description="Open data from the municipality's participation platform. No personal data.",
)


class MunicipalityOut(Schema):
    name: str
    slug: str
    country: str
    languages: list[str]


class AreaOut(Schema):
    slug: str
    name: str
    kind: str
    parent: str | None
    population_total: int
    population_10_plus: int
    population_15_plus: int
    population_18_plus: int


def _municipality(request: HttpRequest):  # type: ignore[no-untyped-def]
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


@api.get("/municipality", response=MunicipalityOut, tags=["places"])
def municipality_detail(request: HttpRequest) -> MunicipalityOut:
    m = _municipality(request)
    return MunicipalityOut(name=m.name, slug=m.slug, country=m.country, languages=m.languages)


@api.get("/areas", response=list[AreaOut], tags=["places"])
def area_list(request: HttpRequest) -> list[AreaOut]:
    from medborger.places.selectors import areas_of

    return [
        AreaOut(
            slug=a.slug,
            name=a.name,
            kind=a.kind,
            parent=a.parent.slug if a.parent else None,
            population_total=a.population_total,
            population_10_plus=a.population_10_plus,
            population_15_plus=a.population_15_plus,
            population_18_plus=a.population_18_plus,
        )
        for a in areas_of(municipality=_municipality(request))
    ]
