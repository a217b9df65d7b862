from django.urls import path

from medborger.goals import views, views_compare, views_staff

app_name = "goals"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<int:pk>/", views.goal_detail, name="goal"),
    path("loefter/", views.promises, name="promises"),
    path("co2-budget/<int:pk>/", views.carbon_budget, name="carbon"),
    path("indikator/<int:pk>/data.csv", views.indicator_csv, name="indicator_csv"),
    path("personale/import/", views.import_measurements, name="import"),
    path("sammenlign/", views_compare.compare, name="compare"),
    path("sammenlign/data.csv", views_compare.compare_csv, name="compare_csv"),
    path(
        "personale/indikator/<int:pk>/maaling/",
        views_staff.measurement_new,
        name="measurement_new",
    ),
]
