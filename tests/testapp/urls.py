from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns
from tests.testapp import views

app_patterns = ([path("emne/<int:pk>/", views.topic, name="topic")], "testapp")
urlpatterns = [path("test/", include(app_patterns)), *site_urlpatterns]
from config.urls import handler400, handler403, handler404, handler500  # noqa: E402

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
