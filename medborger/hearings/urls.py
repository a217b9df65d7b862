from django.urls import path

from medborger.hearings import views

app_name = "hearings"
urlpatterns = [
    path("", views.hearing_list, name="list"),
    path("<int:pk>/", views.hearing_detail, name="detail"),
    path("<int:pk>/bilag/<int:document_pk>/", views.document_download, name="document"),
    path("<int:pk>/svar/", views.respond, name="respond"),
    path("<int:pk>/notat/", views.report, name="report"),
    path("<int:pk>/notat.pdf", views.report_pdf_view, name="report_pdf"),
    path("svar/<int:pk>/fil/<int:attachment_pk>/", views.response_file, name="response_file"),
    path("personale/", views.staff_list, name="staff"),
    path("personale/<int:pk>/", views.staff_hearing, name="staff_hearing"),
    path("personale/<int:pk>/tema/", views.staff_theme_add, name="staff_theme"),
    path("personale/svar/<int:pk>/", views.staff_response, name="staff_response"),
]
