from django.urls import path

from medborger.premises import views

app_name = "premises"
urlpatterns = [
    path("", views.premises_list, name="list"),
    path("kalender/", views.calendar, name="calendar"),
    path("mine/", views.my_requests, name="mine"),
    path("<int:pk>/", views.premises_detail, name="detail"),
    path("<int:pk>/kalender.ics", views.premises_ics, name="ics"),
    path("<int:pk>/anmod/", views.request_create, name="request_create"),
    path("anmodning/<int:pk>/", views.request_detail, name="request"),
    path("anmodning/<int:pk>/annuller/", views.request_cancel, name="cancel"),
    path("personale/", views.staff_list, name="staff"),
    path("personale/<int:pk>/", views.staff_case, name="staff_case"),
    path("personale/<int:pk>/godkend/", views.staff_approve, name="staff_approve"),
    path("personale/<int:pk>/afvis/", views.staff_reject, name="staff_reject"),
]
