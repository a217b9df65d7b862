from django.urls import path

from medborger.fasttrack import views

app_name = "fasttrack"
urlpatterns = [
    path("", views.pool_list, name="list"),
    path("mine/", views.my_applications, name="mine"),
    path("<int:pk>/", views.pool_detail, name="pool"),
    path("<int:pk>/ansoeg/", views.application_create, name="apply"),
    path("ansoegning/<int:pk>/", views.application_detail, name="detail"),
    path("ansoegning/<int:pk>/rapport/", views.report_submit, name="report"),
    path("personale/", views.staff_list, name="staff"),
    path("personale/<int:pk>/", views.staff_case, name="staff_case"),
    path("personale/<int:pk>/godkend/", views.staff_approve, name="staff_approve"),
    path("personale/<int:pk>/afvis/", views.staff_reject, name="staff_reject"),
    path("personale/<int:pk>/udbetaling/", views.staff_payout, name="staff_payout"),
]
