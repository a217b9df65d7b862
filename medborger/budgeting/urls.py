from django.urls import path

from medborger.budgeting import views, views_ideas, views_staff

app_name = "budgeting"
urlpatterns = [
    path("", views.process_list, name="list"),
    path("<int:pk>/", views.process_detail, name="detail"),
    path("<int:pk>/opsummering/", views.ballot_summary, name="summary"),
    path("<int:pk>/stem/", views.ballot_vote, name="vote"),
    path("<int:pk>/kvittering/", views.ballot_receipt, name="receipt"),
    path("<int:pk>/resultat/", views.process_results, name="results"),
    path("<int:pk>/resultat/stemmesedler.jsonl", views.ballot_log, name="ballot_log"),
    path("<int:pk>/resultat/pulje-<int:pool>.pb", views.pabulib_file, name="pabulib"),
    path("<int:pk>/resultat/find/", views.receipt_lookup, name="lookup"),
    path("<int:pk>/ideer/", views_ideas.idea_list, name="ideas"),
    path("<int:pk>/ideer/ny/", views_ideas.idea_create, name="idea_create"),
    path("projekt/<int:pk>/", views_ideas.idea_detail, name="idea"),
    path("projekt/<int:pk>/svar/", views_ideas.idea_reply, name="idea_reply"),
    path("personale/", views_staff.staff_home, name="staff"),
    path("personale/genspil/", views_staff.staff_replay, name="staff_replay"),
    path("personale/<int:pk>/ideer/", views_staff.staff_review, name="staff_review"),
    path(
        "personale/projekt/<int:pk>/vurder/", views_staff.staff_review_decide, name="staff_decide"
    ),
    path("personale/projekt/<int:pk>/saml/", views_staff.staff_review_merge, name="staff_merge"),
    path("personale/<int:pk>/papir/", views_staff.staff_paper, name="staff_paper"),
    path(
        "personale/papir/<int:pk>/bekraeft/",
        views_staff.staff_paper_confirm,
        name="staff_paper_confirm",
    ),
]
