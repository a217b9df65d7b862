from django.urls import path

from medborger.budgeting import views

app_name = "budgeting"
urlpatterns = [
    path("", views.process_list, name="list"),
    path("<int:pk>/", views.process_detail, name="detail"),
    path("<int:pk>/opsummering/", views.ballot_summary, name="summary"),
    path("<int:pk>/stem/", views.ballot_vote, name="vote"),
    path("<int:pk>/kvittering/", views.ballot_receipt, name="receipt"),
    path("<int:pk>/resultat/", views.process_results, name="results"),
]
