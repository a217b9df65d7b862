"""Implementation pages through the test client: public pages, the staff dashboard with its red
and amber flags under a moved clock, staff forms and their error paths, follow and notify."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medborger.implementation import services
from medborger.implementation.models import Delivery, Milestone, SpendEntry, Update
from medborger.notifications.models import Follow, Notification
from tests.factories import UserFactory, grant
from tests.implementation.conftest import (
    DECIDED_ON,
    VISIBLE_DUE,
    at,
    make_process,
    make_project,
    photo_file,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 4, 15)


@pytest.fixture(autouse=True)
def _clock():  # type: ignore[no-untyped-def]
    """Six weeks after the decision, unless a test moves the clock itself."""
    with time_machine.travel(at(TODAY), tick=False):
        yield


def staff_url(project, tail: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/gennemfoerelse/personale/{project.pk}/{tail}"


# --- public pages -------------------------------------------------------------------------------


def test_the_public_list_shows_funded_projects_of_this_municipality_only(
    municipality, other_municipality, project, unfunded, client_for
):
    elsewhere = make_project(make_process(other_municipality, slug="andet"), title="Andet sted")
    html = client_for(municipality, language="en").get("/gennemfoerelse/").content.decode()
    assert project.title in html
    assert unfunded.title not in html and elsewhere.title not in html
    assert "0 kr of 100.000 kr" in html
    assert "A visible result is due by June 2, 2026." in html


def test_the_empty_list_says_so(municipality, client_for):
    html = client_for(municipality, language="en").get("/gennemfoerelse/").content.decode()
    assert "No projects have been funded yet." in html


def test_the_progress_page(municipality, delivery, officer, client_for):
    services.spend_add(
        delivery_id=delivery.pk,
        actor=officer,
        spent_on=TODAY,
        amount=Decimal("25000"),
        purpose="Frø og muld",
        now=at(TODAY),
    )
    services.milestone_add(
        delivery_id=delivery.pk,
        actor=officer,
        title="Såning",
        due_on=date(2026, 5, 1),
        now=at(TODAY),
    )
    services.update_post(
        delivery_id=delivery.pk,
        actor=officer,
        text="Nu er der sået.",
        photos=[services.PhotoUpload(image=photo_file(), alt_text="Nysået jord med små skilte")],
        now=at(TODAY),
    )
    response = client_for(municipality, language="en").get(
        f"/gennemfoerelse/{delivery.project_id}/"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>25.000 kr</strong> of 100.000 kr spent (25 %)" in html
    assert '<progress class="mb-progress" max="100" value="25"' in html
    assert "Frø og muld" in html and "Såning" in html and "due May 1, 2026" in html
    assert 'alt="Nysået jord med små skilte"' in html and "Nu er der sået." in html
    assert "Sign in to follow" in html
    assert "Keep this project up to date" not in html  # not for the public


def test_unfunded_and_other_municipalities_projects_are_404(
    municipality, other_municipality, project, unfunded, client_for
):
    assert client_for(municipality).get(f"/gennemfoerelse/{unfunded.pk}/").status_code == 404
    assert client_for(other_municipality).get(f"/gennemfoerelse/{project.pk}/").status_code == 404
    assert client_for(municipality).get("/gennemfoerelse/999999/").status_code == 404


def test_follow_then_staff_post_notifies_the_follower(
    municipality, delivery, officer, follower, client_for, django_capture_on_commit_callbacks
):
    resident = client_for(municipality, follower, language="en")
    page = resident.get(f"/gennemfoerelse/{delivery.project_id}/").content.decode()
    assert "/notifikationer/foelg/implementation.delivery/" in page
    resident.post(
        f"/notifikationer/foelg/implementation.delivery/{delivery.pk}/", {"action": "follow"}
    )
    assert Follow.objects.filter(user=follower, object_id=delivery.pk).exists()
    staff = client_for(municipality, officer, language="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            staff_url(delivery.project, "opdatering/"), {"update-text": "Vi går i gang på mandag."}
        )
        assert response.status_code == 302
        staff.post(staff_url(delivery.project, "status/"), {"status-status": "in_progress"})
    events = list(Notification.objects.filter(recipient=follower).values_list("event", flat=True))
    assert sorted(events) == ["implementation.status", "implementation.update"]
    assert {m.to[0] for m in mail.outbox} == {follower.email}


# --- permissions ------------------------------------------------------------------------------


def test_staff_pages_need_a_case_officer_or_admin(
    municipality,
    other_municipality,
    project,
    officer,
    municipal_admin,
    moderator,
    resident,
    client_for,
):
    assert client_for(municipality).get("/gennemfoerelse/personale/").status_code == 302  # sign in
    for user in (resident, moderator, grant(UserFactory(), "politician", municipality)):
        response = client_for(municipality, user, language="en").get("/gennemfoerelse/personale/")
        assert response.status_code == 403
        assert "You do not have access" in response.content.decode()
    admin_elsewhere = grant(UserFactory(), "municipal_admin", other_municipality)
    assert client_for(municipality, admin_elsewhere).get(staff_url(project)).status_code == 403
    for user in (officer, municipal_admin):
        assert client_for(municipality, user).get("/gennemfoerelse/personale/").status_code == 200
        assert client_for(municipality, user).get(staff_url(project)).status_code == 200
    # Our officer on the other municipality's site: our project does not exist there.
    assert client_for(other_municipality, officer).get(staff_url(project)).status_code == 404


def test_posting_without_the_role_changes_nothing(municipality, project, resident, client_for):
    data = {"spend-spent_on": "2026-04-01", "spend-amount": "100", "spend-purpose": "Frø"}
    response = client_for(municipality, resident, language="en").post(
        staff_url(project, "udgift/"), data
    )
    assert response.status_code == 403
    anonymous = client_for(municipality).post(staff_url(project, "udgift/"), data)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert not Delivery.objects.exists() and not SpendEntry.objects.exists()


def test_get_on_a_form_address_is_405_not_500(municipality, project, officer, client_for):
    assert client_for(municipality, officer).get(staff_url(project, "udgift/")).status_code == 405


# --- the staff dashboard -----------------------------------------------------------------------


def _row(html: str, project) -> str:  # type: ignore[no-untyped-def]
    start = html.index(f'id="project-{project.pk}"')
    return html[html.rindex("<tr", 0, start) : html.index("</tr>", start)]


def test_red_after_the_deadline_without_a_visible_result_amber_close_to_it(
    municipality, process, project, officer, client_for
):
    shown = make_project(process, title="Bænke i parken", cost=40_000)
    services.delivery_start(project=project, actor=officer, now=at(DECIDED_ON, 20))
    done = services.delivery_start(project=shown, actor=officer, now=at(DECIDED_ON, 20))
    services.delivery_status_change(
        delivery_id=done.pk,
        actor=officer,
        status="visible_result",
        reason="",
        now=at(date(2026, 5, 20)),
    )

    def client():  # type: ignore[no-untyped-def]
        # Signed in under the moved clock (a session lasts two weeks).
        return client_for(municipality, officer, language="en")

    with time_machine.travel(at(date(2026, 5, 1)), tick=False):
        row = _row(client().get("/gennemfoerelse/personale/").content.decode(), project)
        assert "mb-overdue" not in row and "mb-impl-soon" not in row

    with time_machine.travel(at(VISIBLE_DUE - timedelta(days=5)), tick=False):
        row = _row(client().get("/gennemfoerelse/personale/").content.decode(), project)
        assert "mb-impl-soon" in row and "Due soon" in row

    with time_machine.travel(at(VISIBLE_DUE + timedelta(days=1)), tick=False):
        html = client().get("/gennemfoerelse/personale/").content.decode()
        row = _row(html, project)
        assert "mb-overdue" in row and "Overdue: no visible result" in row  # text, not only colour
        assert "1 project has no visible result past its deadline." in html
        shown_row = _row(html, shown)
        assert "mb-overdue" not in shown_row and "Met on time" in shown_row
        assert html.index(project.title) < html.index(shown.title)  # red first
        staff_page = client().get(staff_url(project)).content.decode()
        assert '<div class="alert alert-error">' in staff_page
        assert "<strong>Overdue: no visible result 1 day after the deadline" in staff_page
        public = client_for(municipality, language="en").get(f"/gennemfoerelse/{project.pk}/")
        assert (
            "Overdue: no visible result 1 day after the deadline of June 2, 2026."
            in public.content.decode()
        )


def test_the_months_come_from_the_municipalitys_rules(municipality, project, officer, client_for):
    from medborger.implementation.models import DeliveryRules

    DeliveryRules.objects.create(municipality=municipality, visible_result_months=1, spend_months=6)
    html = (
        client_for(municipality, officer, language="en")
        .get("/gennemfoerelse/personale/")
        .content.decode()
    )
    assert "mb-overdue" in _row(html, project)  # 2 April has passed on 15 April


def test_untracked_projects_show_and_can_all_be_started(municipality, project, officer, client_for):
    client = client_for(municipality, officer, language="en")
    html = client.get("/gennemfoerelse/personale/").content.decode()
    assert "1 funded project is not tracked yet." in html and "Not tracked yet" in html
    assert client.post("/gennemfoerelse/personale/start-alle/").status_code == 302
    assert Delivery.objects.get().project == project


def _fill(process, officer, n: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(n):
        p = make_project(process, title=f"Projekt {i}", cost=10_000 + i)
        d = services.delivery_start(project=p, actor=officer, now=at(DECIDED_ON, 20))
        services.spend_add(
            delivery_id=d.pk,
            actor=officer,
            spent_on=TODAY,
            amount=Decimal(100),
            purpose="Frø",
            now=at(TODAY),
        )
        services.milestone_add(
            delivery_id=d.pk, actor=officer, title="Start", due_on=TODAY, now=at(TODAY)
        )


def test_the_dashboard_and_list_query_counts_do_not_grow_with_projects(
    municipality, process, officer, client_for
):
    client = client_for(municipality, officer)
    _fill(process, officer, 1)
    counts = {}
    for url in ("/gennemfoerelse/personale/", "/gennemfoerelse/"):
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        counts[url] = len(few)
    _fill(process, officer, 7)
    for url, before in counts.items():
        with CaptureQueriesContext(connection) as many:
            html = client.get(url).content.decode()
        assert "Projekt 6" in html
        assert len(many) == before, url


# --- staff forms: success and error paths ------------------------------------------------------


def test_negative_spend_is_refused_with_the_typed_input_kept(
    municipality, delivery, officer, client_for
):
    client = client_for(municipality, officer, language="en")
    response = client.post(
        staff_url(delivery.project, "udgift/"),
        {
            "spend-spent_on": "2026-04-01",
            "spend-amount": "-250",
            "spend-purpose": "Fejlbetaling til gartner",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter an amount above 0 kr." in html
    assert 'value="Fejlbetaling til gartner"' in html and 'value="-250"' in html
    assert not SpendEntry.objects.exists()


@pytest.mark.parametrize(
    ("amount", "spent_on", "message"),
    [
        ("tolv", "2026-04-01", "Enter the amount as a number"),
        ("100", "2026-04-16", "The date is in the future."),
        ("100", "i morgen", "Enter a valid date."),
    ],
)
def test_other_bad_spending_is_a_400(
    municipality, delivery, officer, client_for, amount, spent_on, message
):
    response = client_for(municipality, officer, language="en").post(
        staff_url(delivery.project, "udgift/"),
        {"spend-spent_on": spent_on, "spend-amount": amount, "spend-purpose": "Frø"},
    )
    assert response.status_code == 400 and message in response.content.decode()


def test_overspending_is_recorded_and_warned(municipality, delivery, officer, client_for):
    client = client_for(municipality, officer, language="en")
    response = client.post(
        staff_url(delivery.project, "udgift/"),
        {
            "spend-spent_on": "2026-04-01",
            "spend-amount": "100000.01",
            "spend-purpose": "Entreprenør",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The spending is recorded." in html and "0,01 kr over." in html
    assert "Over budget by 0,01 kr." in html
    dashboard = client.get("/gennemfoerelse/personale/").content.decode()
    assert "Over budget by 0,01 kr" in dashboard


def test_a_milestone_before_the_start_is_refused_with_the_title_kept(
    municipality, delivery, officer, client_for
):
    response = client_for(municipality, officer, language="en").post(
        staff_url(delivery.project, "milepael/"),
        {"milestone-title": "Jorden fræses", "milestone-due_on": "2026-02-20"},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The due date is before the project started (March 2, 2026)." in html
    assert 'value="Jorden fræses"' in html
    assert not Milestone.objects.exists()


def test_pausing_without_a_reason_is_a_400(municipality, delivery, officer, client_for):
    response = client_for(municipality, officer, language="en").post(
        staff_url(delivery.project, "status/"), {"status-status": "paused", "status-reason": ""}
    )
    assert response.status_code == 400
    assert "Say why the project is delayed or paused." in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == "planned"


def test_a_form_posted_before_tracking_started_starts_it(
    municipality, project, officer, client_for
):
    response = client_for(municipality, officer).post(
        staff_url(project, "milepael/"),
        {"milestone-title": "Indkøb", "milestone-due_on": "2026-04-20"},
    )
    assert response.status_code == 302
    assert Milestone.objects.get().delivery.project == project


def test_an_update_with_a_photo(municipality, delivery, officer, client_for):
    response = client_for(municipality, officer, language="en").post(
        staff_url(delivery.project, "opdatering/"),
        {
            "update-text": "Bænken er sat op.",
            "update-photo_1": photo_file("baenk.jpg", "JPEG"),
            "update-alt_1": "En ny bænk af træ ved stien",
        },
    )
    assert response.status_code == 302
    update = Update.objects.get()
    assert update.photos.get().alt_text == "En ny bænk af træ ved stien"


@pytest.mark.parametrize(
    ("upload", "alt", "message"),
    [
        (
            lambda: photo_file("anim.gif", "GIF"),
            "Et billede",
            "This is a GIF file. Use a photo in JPEG, PNG or WebP format.",
        ),
        (
            lambda: SimpleUploadedFile(
                "notes.jpg", b"not a photo at all", content_type="image/jpeg"
            ),
            "Et billede",
            "This file is not a photo we can read.",
        ),
        (lambda: photo_file(), "", "Describe what the photo shows, for people who cannot see it."),
    ],
)
def test_bad_photos_are_refused_with_the_text_kept(
    municipality, delivery, officer, client_for, upload, alt, message
):
    response = client_for(municipality, officer, language="en").post(
        staff_url(delivery.project, "opdatering/"),
        {"update-text": "Skrevet med omhu.", "update-photo_1": upload(), "update-alt_1": alt},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Skrevet med omhu." in html and "choose the photos again" in html
    assert not Update.objects.exists()


def test_a_photo_over_the_limit_is_refused(municipality, delivery, officer, client_for, settings):
    settings.MEDBORGER_MAX_IMAGE_BYTES = 1024 * 1024
    import io
    import os

    from PIL import Image

    buffer = io.BytesIO()
    Image.frombytes("RGB", (700, 600), os.urandom(700 * 600 * 3)).save(buffer, format="PNG")
    assert buffer.tell() > 1024 * 1024  # noise does not compress
    big = SimpleUploadedFile("stor.png", buffer.getvalue(), content_type="image/png")
    response = client_for(municipality, officer, language="en").post(
        staff_url(delivery.project, "opdatering/"),
        {"update-text": "Stort billede.", "update-photo_1": big, "update-alt_1": "Stort"},
    )
    assert response.status_code == 400
    assert "The limit is 1 MB." in response.content.decode()
