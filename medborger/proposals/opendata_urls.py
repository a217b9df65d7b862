"""Open data about citizen proposals; included under forslag/ next to medborger.proposals.urls."""

from django.urls import path

from medborger.proposals import opendata

app_name = "proposals_opendata"
urlpatterns = [
    path("eksport.csv", opendata.proposals_csv, name="csv"),
    path("feed/", opendata.proposals_feed, name="feed"),
]
