from django.urls import path

from medborger.accounts import fake_eid, views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("data.json", views.profile_export, name="export"),
    path("slet/", views.account_delete_view, name="delete"),
]
# The fake eID is not even routed unless DEBUG and MEDBORGER_FAKE_EID are both on.
if fake_eid.enabled():
    urlpatterns.append(path("test-eid/", views.fake_eid_view, name="fake_eid"))
