from django.urls import path

from medborger.places import views

app_name = "places"
urlpatterns = [
    path("side/<slug:kind>/", views.info_page, name="info_page"),
    path("personale/sider/", views.info_pages_list, name="info_pages"),
    path(
        "personale/sider/<slug:kind>/<str:language>/", views.info_page_edit, name="info_page_edit"
    ),
]
