from django.urls import path

from medborger.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("laest/", views.mark_all_read, name="mark_all_read"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("foelg/<str:label>/<int:object_id>/", views.follow_toggle, name="follow"),
]
