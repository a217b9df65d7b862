from django.urls import path

from medborger.core import views

app_name = "core"
urlpatterns = [
    path("", views.front, name="front"),
    path("hjaelp/", views.help_page, name="help"),
    path("sprog/", views.set_language, name="set_language"),
    path("personale/", views.staff_dashboard, name="staff"),
    path("personale/log/", views.audit_log, name="audit_log"),
]
