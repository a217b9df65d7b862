from django.urls import path

from medborger.cocreation import views

app_name = "cocreation"
urlpatterns = [
    path("", views.group_list, name="list"),
    path("<int:pk>/", views.group_detail, name="group"),
    path("<int:pk>/moeder/ny/", views.meeting_add, name="meeting_add"),
    path("moede/<int:pk>/noter/", views.meeting_notes, name="meeting_notes"),
    path("<int:pk>/opgaver/ny/", views.task_add, name="task_add"),
    path("opgave/<int:pk>/status/", views.task_status, name="task_status"),
    path("<int:pk>/formand/", views.chair, name="chair"),
    path("<int:pk>/formand/skift/", views.chair_rotate, name="chair_rotate"),
    path("<int:pk>/formand/vaelg/", views.chair_appoint, name="chair_appoint"),
    path("<int:pk>/resultater/ny/", views.output_add, name="output_add"),
    path("resultat/<int:pk>/", views.output_detail, name="output"),
    path("resultat/<int:pk>/fremlagt/", views.output_present, name="output_present"),
    path("resultat/<int:pk>/sendt/", views.output_send, name="output_send"),
    path("resultat/<int:pk>/afgoerelse/", views.output_decide, name="output_decide"),
]
