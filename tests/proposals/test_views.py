"""Proposal pages through the test client: bad input, no-JS paths, language of the content."""

from datetime import timedelta

import pytest
import time_machine

from medborger.proposals.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock_at_the_flow(t0):
    """The flow fixture builds proposals at t0; the views read the real clock."""
    with time_machine.travel(t0 + timedelta(days=1), tick=False):
        yield


def test_content_is_marked_in_the_municipalitys_language(flow, municipality, client_for):
    proposal = flow.collecting()
    html = client_for(municipality, language="sv").get(f"/forslag/{proposal.pk}/").content.decode()
    assert '<html lang="sv"' in html
    assert f'<h1 lang="da">{proposal.title}</h1>' in html
    same = client_for(municipality, language="da").get(f"/forslag/{proposal.pk}/").content.decode()
    assert f"<h1>{proposal.title}</h1>" in same


def test_a_draft_is_404_for_others_and_visible_to_its_author(
    flow, municipality, author, client_for, resident
):
    draft = flow.draft()
    assert client_for(municipality).get(f"/forslag/{draft.pk}/").status_code == 404
    assert client_for(municipality, resident).get(f"/forslag/{draft.pk}/").status_code == 404
    assert client_for(municipality, author).get(f"/forslag/{draft.pk}/").status_code == 200


def test_another_municipalitys_proposal_is_404(flow, other_municipality, client_for):
    proposal = flow.collecting()
    assert client_for(other_municipality).get(f"/forslag/{proposal.pk}/").status_code == 404


def test_over_long_title_keeps_what_was_typed(municipality, author, client_for):
    body = "Vi vil have flere bænke langs stien, så ældre kan hvile sig."
    response = client_for(municipality, author, language="en").post(
        "/forslag/nyt/", {"title": "x" * 500, "summary": "Bænke", "body": body}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert body in html and "Ensure this value has at most 120 characters" in html
    assert not Proposal.objects.exists()


def test_script_in_a_proposal_is_shown_as_text(municipality, author, client_for):
    client = client_for(municipality, author)
    client.post(
        "/forslag/nyt/",
        {
            "title": "<script>alert(1)</script>",
            "summary": "<b>fed</b>",
            "body": "<script>alert(2)</script>",
        },
    )
    proposal = Proposal.objects.get()
    html = client.get(f"/forslag/{proposal.pk}/ret/").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)" in html
    detail = client.get(f"/forslag/{proposal.pk}/").content.decode()
    assert "<script>alert(2)</script>" not in detail


def test_support_without_javascript_redirects_back_with_a_message(
    flow, municipality, make_resident, client_for
):
    proposal = flow.collecting()
    person = make_resident()
    client = client_for(municipality, person, language="en")
    response = client.post(f"/forslag/{proposal.pk}/stoet/", {"show_name": "on"})
    assert response.status_code == 302 and response.url.endswith("#stoet")
    again = client.post(f"/forslag/{proposal.pk}/stoet/", follow=True)
    assert "You have already supported this proposal." in again.content.decode()
    proposal.refresh_from_db()
    assert proposal.support_count == 1


def test_support_with_htmx_returns_the_box_and_refusals_are_400(
    flow, municipality, client_for, resident
):
    proposal = flow.collecting()
    response = client_for(municipality, resident, language="en").post(
        f"/forslag/{proposal.pk}/stoet/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400  # the resident is not verified
    assert "Confirm who you are with eID first" in response.content.decode()
    assert "<html" not in response.content.decode()


def test_bad_list_filters_fall_back_instead_of_failing(municipality, client_for):
    response = client_for(municipality).get("/forslag/?status=nope&sdg=99&sort=drop&side=abc&q=%00")
    assert response.status_code == 200


def test_similar_proposals_while_writing(flow, municipality, client_for):
    published = flow.collecting()  # "Flere bænke i parken"
    response = client_for(municipality, language="en").post(
        "/forslag/lignende/",
        {"title": "Bænke ved havnen", "summary": "Flere bænke"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert published.title in response.content.decode()
    excluded = client_for(municipality).post(
        "/forslag/lignende/", {"title": published.title, "exclude": str(published.pk)}
    )
    assert published.title not in excluded.content.decode()
    assert (
        client_for(municipality).post("/forslag/lignende/", {"exclude": "x" * 50}).status_code
        == 200
    )


def test_staff_dashboard_marks_overdue_reviews(flow, municipality, moderator, client_for, t0):
    proposal = flow.in_review()
    with time_machine.travel(proposal.review_due + timedelta(days=1), tick=False):
        html = (
            client_for(municipality, moderator, language="en")
            .get("/forslag/personale/")
            .content.decode()
        )
    assert proposal.title in html and "mb-overdue" in html
    html = (
        client_for(municipality, moderator, language="en")
        .get("/forslag/personale/")
        .content.decode()
    )
    assert proposal.title in html and "mb-overdue" not in html


def test_residents_cannot_use_staff_pages(flow, municipality, resident, client_for):
    proposal = flow.in_review()
    client = client_for(municipality, resident)
    assert client.get("/forslag/personale/").status_code == 403
    assert client.post(f"/forslag/personale/{proposal.pk}/godkend/", {}).status_code == 403


def test_proposal_page_query_count_does_not_grow_with_supports(
    flow, municipality, make_resident, client_for
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from medborger.proposals import services

    proposal = flow.collecting()
    client = client_for(municipality, make_resident())
    client.get(f"/forslag/{proposal.pk}/")  # warm the session

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/forslag/{proposal.pk}/").status_code == 200
        return len(captured)

    before = queries()
    for _ in range(5):
        services.support_add(
            proposal_id=proposal.pk, user=make_resident(), show_name=True, now=timezone.now()
        )
    assert queries() == before
    assert before <= 20
