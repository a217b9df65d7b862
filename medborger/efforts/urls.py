from django.urls import path

from medborger.efforts import views

app_name = "efforts"
urlpatterns = [
    path("", views.effort_list, name="list"),
    path("<int:pk>/", views.effort_detail, name="detail"),
]
