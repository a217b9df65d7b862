from django.urls import path

from medborger.comments import views

app_name = "comments"
urlpatterns = [
    path("moderation/", views.moderation_queue_view, name="moderation_queue"),
    path("ny/<str:label>/<int:object_id>/", views.create, name="create"),
    path("<int:pk>/ret/", views.edit, name="edit"),
    path("<int:pk>/anmeld/", views.report, name="report"),
    path("<int:pk>/skjul/", views.hide, name="hide"),
    path("<int:pk>/gendan/", views.restore, name="restore"),
    path("<int:pk>/afvis-anmeldelser/", views.dismiss, name="dismiss"),
]
