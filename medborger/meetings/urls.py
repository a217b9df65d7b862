from django.urls import path

from medborger.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("kalender.ics", views.calendar_feed, name="calendar"),
    path("mine/", views.my_registrations, name="mine"),
    path("aabent-plenum/", views.plenum, name="plenum"),
    path("<int:pk>/", views.meeting_detail, name="meeting"),
    path("<int:pk>/moede.ics", views.meeting_ics, name="ics"),
    path("<int:pk>/tilmeld/", views.meeting_register, name="register"),
    path("<int:pk>/afmeld/", views.meeting_cancel_registration, name="cancel"),
    path("<int:pk>/taletid/", views.slot_request, name="slot_request"),
    path("<int:pk>/talerliste/", views.running_order, name="running_order"),
    path("personale/", views.staff_list, name="staff"),
    path("personale/<int:pk>/", views.staff_meeting, name="staff_meeting"),
    path("personale/<int:pk>/fremmoede/", views.staff_attendance, name="staff_attendance"),
    path("personale/<int:pk>/referat/", views.staff_minutes, name="staff_minutes"),
    path("personale/<int:pk>/aflys/", views.staff_cancel_meeting, name="staff_cancel"),
    path("personale/<int:pk>/talere/", views.staff_slots, name="staff_slots"),
    path(
        "personale/<int:pk>/talere/offentliggoer/",
        views.staff_publish_order,
        name="staff_publish_order",
    ),
    path("personale/tale/<int:slot_pk>/tildel/", views.staff_slot_allocate, name="staff_allocate"),
    path("personale/tale/<int:slot_pk>/afvis/", views.staff_slot_decline, name="staff_decline"),
]
