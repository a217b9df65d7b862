from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from medborger.api.urls import api

admin.site.site_header = "Medborger"
admin.site.site_title = "Medborger"
# The admin's own sign-in form would let staff in with a password alone, skipping the TOTP step
# of django-allauth's sign-in: send everyone through allauth's sign-in (and its MFA) instead.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("medborger.core.urls")),
    path("", include("medborger.places.urls")),
    path("profil/", include("medborger.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("forslag/", include("medborger.proposals.opendata_urls")),
    path("forslag/", include("medborger.proposals.urls")),
    path("borgerbudget/", include("medborger.budgeting.urls")),
    path("gennemfoerelse/", include("medborger.implementation.urls")),
    path("hurtigpuljen/", include("medborger.fasttrack.urls")),
    path("samskabelse/", include("medborger.cocreation.urls")),
    path("lokaler/", include("medborger.premises.urls")),
    path("maal/", include("medborger.goals.urls")),
    path("indsatser/", include("medborger.efforts.urls")),
    path("frivillige/", include("medborger.volunteering.urls")),
    path("hoeringer/", include("medborger.hearings.urls")),
    path("borgermoeder/", include("medborger.meetings.urls")),
    path("kommentarer/", include("medborger.comments.urls")),
    path("notifikationer/", include("medborger.notifications.urls")),
    path("klarsprog/", include("medborger.core.plainlanguage_urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "medborger.core.errors.bad_request"
handler403 = "medborger.core.errors.permission_denied"
handler404 = "medborger.core.errors.page_not_found"
handler500 = "medborger.core.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
