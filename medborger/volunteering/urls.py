from django.urls import path

from medborger.volunteering import views

app_name = "volunteering"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.programme_detail, name="programme"),
    path("hold/<int:pk>/", views.team_detail, name="team"),
    path("hold/<int:pk>/ny-aktivitet/", views.series_create, name="series_create"),
    path("hold/<int:pk>/timer/", views.team_hours, name="hours"),
    path("hold/<int:pk>/bidrag/", views.ledger, name="ledger"),
    path("gang/<int:pk>/", views.session_detail, name="session"),
    path("gang/<int:pk>/tilmeld/", views.signup, name="signup"),
    path("gang/<int:pk>/afmeld/", views.signup_cancel, name="signup_cancel"),
    path("gang/<int:pk>/mine-timer/", views.own_hours, name="own_hours"),
    path("gang/<int:pk>/aflys/", views.session_cancel, name="session_cancel"),
    path("gang/<int:pk>/ret/", views.session_change, name="session_change"),
    path("timer/<int:pk>/afgoer/", views.hours_decide, name="hours_decide"),
    path("personale/", views.staff, name="staff"),
    path("personale/boerneattest/", views.register, name="register"),
]
