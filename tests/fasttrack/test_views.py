"""Fast-track pages through the test client: public pages, applying, the staff pages, the report,
and every refusal as a 4xx with a readable message and what was typed still in the form."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from medborger.fasttrack.models import Application, FastTrackPool, ReportPhoto
from tests.factories import UserFactory, grant
from tests.fasttrack.conftest import T0, form_data, photo_upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock_after_t0():
    """The fixtures make applications at T0; the views read the real clock."""
    with time_machine.travel(T0 + timedelta(days=5), tick=False):
        yield


def html(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


# --- public pages --------------------------------------------------------------------------------


def test_the_pool_page_shows_the_money_and_the_decisions(flow, pool, municipality, client_for):
    flow.approved(
        title="Sommerfest i gården",
        amount_requested=18_000,
        amount=15_000,
        reason="Ikke hoppeborg.",
    )
    flow.rejected(title="Varmepumpe til klubhuset")
    flow.reported(title="Sankthansbål ved skoven", amount_requested=7_200)
    flow.submitted(title="Loppemarked i forsamlingshuset")
    client = client_for(municipality, language="en")

    listing = html(client.get("/hurtigpuljen/"))
    assert "Hurtig-puljen 2025" in listing and "77.800 kr left of 100.000 kr" in listing

    page = html(client.get(f"/hurtigpuljen/{pool.pk}/"))
    assert "100.000 kr" in page and "25.000 kr" in page and "77.800 kr" in page
    assert "Sommerfest i gården" in page and "Ikke hoppeborg." in page
    assert "Varmepumpe til klubhuset" in page and "Puljen støtter ikke drift." in page
    assert "Det gik godt. 80 kom." in page and 'alt="Bålet"' in page
    # Not decided yet: only the applicant and staff see it.
    assert "Loppemarked" not in page
    assert f'href="/hurtigpuljen/{pool.pk}/ansoeg/"' in page


def test_the_pool_page_costs_the_same_queries_however_many_decisions(
    flow, pool, municipality, client_for, django_assert_max_num_queries
):
    client = client_for(municipality)
    flow.reported(title="Et")
    with django_assert_max_num_queries(12) as few:
        client.get(f"/hurtigpuljen/{pool.pk}/")
    for n in range(5):
        flow.reported(title=f"Flere {n}", amount_requested=2_000)
        flow.rejected(title=f"Afvist {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(f"/hurtigpuljen/{pool.pk}/").status_code == 200


def test_another_municipalitys_pool_and_application_are_404(
    flow, pool, other_municipality, client_for
):
    application = flow.approved()
    client = client_for(other_municipality)
    assert client.get(f"/hurtigpuljen/{pool.pk}/").status_code == 404
    assert client.get(f"/hurtigpuljen/ansoegning/{application.pk}/").status_code == 404
    assert client.get(f"/hurtigpuljen/{pool.pk}/ansoeg/").status_code in (302, 404)


def test_a_submitted_application_is_seen_by_its_applicant_and_staff_only(
    flow, municipality, applicant, make_applicant, official, client_for
):
    application = flow.submitted()
    url = f"/hurtigpuljen/ansoegning/{application.pk}/"
    assert client_for(municipality).get(url).status_code == 404
    assert client_for(municipality, make_applicant()).get(url).status_code == 404
    assert client_for(municipality, applicant).get(url).status_code == 200
    assert client_for(municipality, official).get(url).status_code == 200


def test_a_decided_application_is_public(flow, municipality, client_for):
    application = flow.rejected()
    page = html(client_for(municipality).get(f"/hurtigpuljen/ansoegning/{application.pk}/"))
    assert "Puljen støtter ikke drift." in page
    # The responsible person's phone and email are for the municipality only.
    assert "12 34 56 78" not in page


# --- applying ------------------------------------------------------------------------------------


def test_applying_needs_a_sign_in(pool, municipality, client_for):
    response = client_for(municipality).get(f"/hurtigpuljen/{pool.pk}/ansoeg/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_resident_applies_and_sees_it_under_my_applications(
    pool, municipality, applicant, client_for
):
    client = client_for(municipality, applicant, language="en")
    assert client.get(f"/hurtigpuljen/{pool.pk}/ansoeg/").status_code == 200
    response = client.post(f"/hurtigpuljen/{pool.pk}/ansoeg/", form_data())
    application = Application.objects.get()
    assert response.status_code == 302
    assert response.url == f"/hurtigpuljen/ansoegning/{application.pk}/"
    assert application.applicant == applicant and application.amount_requested == 8_000
    mine = html(client.get("/hurtigpuljen/mine/"))
    assert "Sankthansbål på engen" in mine and "Waiting for a decision" in mine


def test_my_applications_shows_only_my_own(flow, municipality, make_applicant, client_for):
    flow.submitted(title="Min nabos ansøgning")
    page = html(client_for(municipality, make_applicant()).get("/hurtigpuljen/mine/"))
    assert "Min nabos ansøgning" not in page


@pytest.mark.parametrize(
    ("posted", "message"),
    [
        ({"amount": "25001"}, "You can apply for at most 25.000 kr per project."),
        (
            {"responsible_name": ""},
            "Write the name of the person who is responsible for the money.",
        ),
        (
            {"responsible_phone": "", "responsible_email": ""},
            "Write a phone number or an email address for the responsible person.",
        ),
        ({"responsible_phone": "ring til mig"}, "Write the phone number with digits"),
        ({"amount": "0"}, "The amount must be at least 1 kr."),
        ({"amount": "mange penge"}, "Enter a whole number."),
        ({"activity_date": "2025-06-01"}, "The activity must take place today or later."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_the_typed_text_kept(
    pool, municipality, applicant, client_for, posted, message
):
    client = client_for(municipality, applicant, language="en")
    typed = form_data(description="Vi bygger en scene af paller og holder koncert.", **posted)
    response = client.post(f"/hurtigpuljen/{pool.pk}/ansoeg/", typed)
    assert response.status_code == 400
    page = html(response)
    assert message in page
    assert "Vi bygger en scene af paller og holder koncert." in page
    assert 'value="Engen bag skolen"' in page
    assert not Application.objects.exists()


def test_more_than_what_is_left_is_refused_in_the_users_language(
    pool, municipality, applicant, client_for
):
    FastTrackPool.objects.filter(pk=pool.pk).update(granted=95_000)
    response = client_for(municipality, applicant, language="en").post(
        f"/hurtigpuljen/{pool.pk}/ansoeg/", form_data(amount="6000")
    )
    assert response.status_code == 400
    assert "There is only 5.000 kr left in the pool this year." in html(response)
    assert 'value="6000"' in html(response)


def test_a_closed_pool_says_so(pool, municipality, applicant, client_for):
    pool.accepts_applications = False
    pool.save()
    client = client_for(municipality, applicant, language="en")
    assert "does not take applications" in html(client.get(f"/hurtigpuljen/{pool.pk}/"))
    response = client.post(f"/hurtigpuljen/{pool.pk}/ansoeg/", form_data())
    assert response.status_code == 400 and "does not take applications" in html(response)


# --- staff ---------------------------------------------------------------------------------------


def test_the_staff_list_marks_overdue_decisions_red(flow, municipality, official, client_for):
    flow.submitted(title="Ny i går")
    flow.submitted(title="Glemt i en skuffe", at=T0 - timedelta(days=20))
    page = html(client_for(municipality, official, language="en").get("/hurtigpuljen/personale/"))
    overdue_row = page.split("Glemt i en skuffe")[0].rsplit("<tr", 1)[1]
    fresh_row = page.split("Ny i går")[0].rsplit("<tr", 1)[1]
    assert 'class="mb-overdue"' in overdue_row and "mb-overdue" not in fresh_row
    assert "Decision overdue" in page
    # The overdue one comes first.
    assert page.index("Glemt i en skuffe") < page.index("Ny i går")


def test_the_staff_list_marks_overdue_reports(flow, municipality, official, client_for):
    paid = flow.paid()
    with time_machine.travel(T0 + timedelta(days=60), tick=False):
        page = html(
            client_for(municipality, official, language="en").get("/hurtigpuljen/personale/")
        )
    assert paid.title in page and "Report overdue" in page and 'class="mb-overdue"' in page


@pytest.mark.parametrize("role", ["resident", "politician"])
def test_the_staff_pages_are_refused_to_others(flow, municipality, client_for, role):
    application = flow.submitted()
    person = grant(UserFactory(), role, municipality)
    client = client_for(municipality, person)
    assert client.get("/hurtigpuljen/personale/").status_code == 403
    assert client.get(f"/hurtigpuljen/personale/{application.pk}/").status_code == 403
    anonymous = client_for(municipality).get("/hurtigpuljen/personale/")
    assert anonymous.status_code == 302


def test_the_official_approves_and_the_pool_shrinks(flow, pool, municipality, official, client_for):
    application = flow.submitted(amount_requested=8_000)
    client = client_for(municipality, official, language="en")
    case = html(client.get(f"/hurtigpuljen/personale/{application.pk}/"))
    assert 'id="approve"' in case and "12 34 56 78" in case
    response = client.post(
        f"/hurtigpuljen/personale/{application.pk}/godkend/", {"amount": "8000", "reason": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    pool.refresh_from_db()
    assert application.state == "approved" and pool.granted == 8_000


def test_a_moderator_may_see_the_case_but_not_decide(flow, municipality, moderator, client_for):
    application = flow.submitted()
    client = client_for(municipality, moderator, language="en")
    case = client.get(f"/hurtigpuljen/personale/{application.pk}/")
    assert case.status_code == 200 and 'id="approve"' not in html(case)
    assert "Only a case officer can decide" in html(case)
    response = client.post(f"/hurtigpuljen/personale/{application.pk}/godkend/", {"amount": "8000"})
    assert response.status_code == 403
    assert (
        client.post(
            f"/hurtigpuljen/personale/{application.pk}/afvis/", {"reason": "Nej"}
        ).status_code
        == 403
    )
    application.refresh_from_db()
    assert application.state == "submitted"


def test_a_case_officer_of_another_municipality_gets_404(
    flow, other_official, other_municipality, client_for
):
    application = flow.submitted()
    client = client_for(other_municipality, other_official)
    assert client.get(f"/hurtigpuljen/personale/{application.pk}/").status_code == 404
    assert client.post(f"/hurtigpuljen/personale/{application.pk}/godkend/", {}).status_code == 404


def test_deciding_twice_says_why_and_keeps_the_typed_reason(
    flow, municipality, official, client_for
):
    application = flow.approved()
    response = client_for(municipality, official, language="en").post(
        f"/hurtigpuljen/personale/{application.pk}/afvis/",
        {"reason": "Vi har ombestemt os om bålet."},
    )
    assert response.status_code == 400
    page = html(response)
    assert "This cannot be done now. The application&#x27;s status is: Approved." in page
    assert "Vi har ombestemt os om bålet." in page


def test_approving_more_than_is_left_says_why_and_keeps_the_amount(
    flow, pool, municipality, official, client_for
):
    application = flow.submitted(amount_requested=20_000)
    FastTrackPool.objects.filter(pk=pool.pk).update(granted=90_000)
    response = client_for(municipality, official, language="en").post(
        f"/hurtigpuljen/personale/{application.pk}/godkend/",
        {"amount": "20000", "reason": "God idé."},
    )
    assert response.status_code == 400
    page = html(response)
    assert "There is only 10.000 kr left in the pool this year." in page
    assert 'value="20000"' in page and "God idé." in page
    application.refresh_from_db()
    assert application.state == "submitted"


def test_a_rejection_without_a_reason_is_refused(flow, municipality, official, client_for):
    application = flow.submitted()
    response = client_for(municipality, official, language="en").post(
        f"/hurtigpuljen/personale/{application.pk}/afvis/", {"reason": ""}
    )
    assert response.status_code == 400
    assert "Write the reason for the rejection. It is public." in html(response)


def test_the_payout_is_recorded(flow, municipality, official, client_for):
    application = flow.approved(amount_requested=8_000)
    client = client_for(municipality, official, language="en")
    wrong = client.post(
        f"/hurtigpuljen/personale/{application.pk}/udbetaling/",
        {"paid_on": "2025-06-06", "amount": "9000"},
    )
    assert wrong.status_code == 400
    assert "between 1 kr and the 8.000 kr granted" in html(wrong)
    assert 'value="9000"' in html(wrong)
    ok = client.post(
        f"/hurtigpuljen/personale/{application.pk}/udbetaling/",
        {"paid_on": "2025-06-06", "amount": "8000"},
    )
    assert ok.status_code == 302
    application.refresh_from_db()
    assert application.state == "paid" and application.paid_by == official


def test_staff_posts_need_post(flow, municipality, official, client_for):
    application = flow.submitted()
    client = client_for(municipality, official)
    assert client.get(f"/hurtigpuljen/personale/{application.pk}/godkend/").status_code == 405


# --- the report ----------------------------------------------------------------------------------


def test_the_applicant_sends_the_report_with_a_photo(flow, municipality, client_for):
    application = flow.paid()
    client = client_for(municipality, application.applicant, language="en")
    assert "Write the report" in html(client.get(f"/hurtigpuljen/ansoegning/{application.pk}/"))
    response = client.post(
        f"/hurtigpuljen/ansoegning/{application.pk}/rapport/",
        {"text": "Det gik godt.", "photos": [photo_upload()], "photo_description": "Bålet"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == "reported"
    assert ReportPhoto.objects.get(application=application).description == "Bålet"


def _report(client, application, upload):  # type: ignore[no-untyped-def]
    return client.post(
        f"/hurtigpuljen/ansoegning/{application.pk}/rapport/",
        {
            "text": "Vi fik lavet en flot scene, og 120 kom.",
            "photos": [upload],
            "photo_description": "Scenen",
        },
    )


def test_a_file_that_is_not_a_photo_is_refused(flow, municipality, client_for):
    application = flow.paid()
    client = client_for(municipality, application.applicant, language="en")
    fake = SimpleUploadedFile("scene.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    response = _report(client, application, fake)
    assert response.status_code == 400
    page = html(response)
    assert "The file scene.jpg is not a photo. Use JPEG, PNG or WebP." in page
    assert "Vi fik lavet en flot scene, og 120 kom." in page
    application.refresh_from_db()
    assert application.state == "paid" and not ReportPhoto.objects.exists()


def test_a_photo_of_the_wrong_type_is_refused(flow, municipality, client_for):
    application = flow.paid()
    client = client_for(municipality, application.applicant, language="en")
    response = _report(client, application, photo_upload("scene.gif", "GIF"))
    assert response.status_code == 400
    assert "The photo scene.gif is a GIF file. Use JPEG, PNG or WebP." in html(response)


def test_a_photo_that_is_too_large_is_refused(flow, municipality, client_for):
    application = flow.paid()
    client = client_for(municipality, application.applicant, language="en")
    big = SimpleUploadedFile(
        "stor.jpg", b"\xff\xd8\xff" + bytes(6 * 1024 * 1024), content_type="image/jpeg"
    )
    response = _report(client, application, big)
    assert response.status_code == 400
    page = html(response)
    assert "The photo stor.jpg is too large (6.0 MB). The limit is 5 MB." in page
    assert "Vi fik lavet en flot scene, og 120 kom." in page
    assert not ReportPhoto.objects.exists()


def test_a_report_before_the_payout_is_refused_and_the_text_kept(flow, municipality, client_for):
    application = flow.approved()
    client = client_for(municipality, application.applicant, language="en")
    response = client.post(
        f"/hurtigpuljen/ansoegning/{application.pk}/rapport/", {"text": "Tidligt ude."}
    )
    assert response.status_code == 400
    assert "when the grant has been paid out" in html(response)
    assert "Tidligt ude." in html(response)


def test_only_the_applicant_may_report(flow, municipality, make_applicant, client_for):
    application = flow.paid()
    client = client_for(municipality, make_applicant())
    assert client.get(f"/hurtigpuljen/ansoegning/{application.pk}/rapport/").status_code == 403


# --- the Django admin ----------------------------------------------------------------------------


def test_the_admin_is_scoped_and_refuses_a_pool_below_what_is_granted(
    flow, pool, other_pool, municipality, client_for
):
    flow.approved(amount_requested=20_000)
    admin = grant(UserFactory(is_staff=True), "municipal_admin", municipality)
    client = client_for(municipality, admin, language="en")
    listing = html(client.get("/admin/fasttrack/fasttrackpool/"))
    assert "Hurtig-puljen 2025" in listing and "Anden pulje 2025" not in listing
    assert client.get("/admin/fasttrack/application/").status_code == 200
    response = client.post(
        f"/admin/fasttrack/fasttrackpool/{pool.pk}/change/",
        {
            "municipality": municipality.pk,
            "area": "",
            "title": "Hurtig-puljen 2025",
            "year": "2025",
            "amount": "10000",
            "project_cap": "5000",
            "decision_days": "14",
            "report_days": "30",
            "accepts_applications": "on",
            "description": "",
        },
    )
    assert response.status_code == 200
    assert "20.000 kr is already granted from the pool" in html(response)
    pool.refresh_from_db()
    assert pool.amount == 100_000
