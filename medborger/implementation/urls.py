from django.urls import path

from medborger.implementation import views

app_name = "implementation"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("<int:pk>/", views.project_detail, name="detail"),
    path("personale/", views.staff_dashboard, name="staff"),
    path("personale/start-alle/", views.staff_start_all, name="staff_start_all"),
    path("personale/<int:pk>/", views.staff_project, name="staff_project"),
    path("personale/<int:pk>/start/", views.staff_start, name="staff_start"),
    path("personale/<int:pk>/status/", views.staff_status, name="staff_status"),
    path("personale/<int:pk>/ansvar/", views.staff_settings, name="staff_settings"),
    path("personale/<int:pk>/udgift/", views.staff_spend, name="staff_spend"),
    path(
        "personale/<int:pk>/udgift/<int:entry_id>/fjern/",
        views.staff_spend_remove,
        name="staff_spend_remove",
    ),
    path("personale/<int:pk>/milepael/", views.staff_milestone, name="staff_milestone"),
    path(
        "personale/<int:pk>/milepael/<int:milestone_id>/",
        views.staff_milestone_mark,
        name="staff_milestone_mark",
    ),
    path("personale/<int:pk>/opdatering/", views.staff_update, name="staff_update"),
]
