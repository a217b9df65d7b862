from django.urls import path

from medborger.core import plainlanguage_views

app_name = "plainlanguage"
urlpatterns = [path("lix/", plainlanguage_views.lix_preview, name="lix")]
