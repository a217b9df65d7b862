from django.urls import path

from medborger.efforts import views

app_name = "efforts"
urlpatterns = [
    path("", views.effort_list, name="list"),
    path("<int:pk>/", views.effort_detail, name="detail"),
    path("tjener/<slug:kind>/<int:pk>/", views.contributions, name="contributions"),
    path(
        "tjener/<slug:kind>/<int:pk>/fjern/<int:item>/",
        views.contribution_remove,
        name="contribution_remove",
    ),
]
