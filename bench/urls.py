"""The bench server's URL map: production's URLs, plus the floor — the smallest Django view, run
through the same middleware (sessions, tenancy, CSRF, authentication, CSP …) on the same server.
Only bench/server_settings.py uses this module; production's config/urls.py does not know it."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as production_urlpatterns

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/floor/", floor, name="bench_floor"),
    *production_urlpatterns,
]
