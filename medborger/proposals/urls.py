from django.urls import path

from medborger.proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("regler/", views.rules_page, name="rules"),
    path("nyt/", views.proposal_create, name="create"),
    path("lignende/", views.similar_preview, name="similar"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/ret/", views.proposal_edit, name="edit"),
    path("<int:pk>/indsend/", views.proposal_submit, name="submit"),
    path("<int:pk>/traek-tilbage/", views.proposal_withdraw, name="withdraw"),
    path("<int:pk>/stoet/", views.support_add, name="support"),
    path("<int:pk>/stoet/fjern/", views.support_withdraw, name="support_withdraw"),
    path("<int:pk>/spoergsmaal/", views.question_ask, name="ask"),
    path("medforslag/<uuid:token>/", views.coproposer_join, name="coproposer_join"),
    path("personale/", views.staff_dashboard, name="staff"),
    path("personale/<int:pk>/", views.staff_case, name="staff_case"),
    path("personale/<int:pk>/godkend/", views.staff_approve, name="staff_approve"),
    path("personale/<int:pk>/afvis/", views.staff_reject, name="staff_reject"),
    path("personale/<int:pk>/papir/", views.staff_paper_support, name="staff_paper"),
    path("personale/<int:pk>/udvalg/", views.staff_referral, name="staff_referral"),
    path("personale/<int:pk>/svar/", views.staff_answer, name="staff_answer"),
    path("personale/<int:pk>/afslut/", views.staff_finish, name="staff_finish"),
    path(
        "personale/spoergsmaal/<int:pk>/svar/",
        views.staff_question_answer,
        name="staff_question_answer",
    ),
]
