"""The open-data API for citizen proposals: shapes, filters, paging, no personal data, tenants."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from medborger.proposals.models import (
    CoProposer,
    Proposal,
    ProposalEvent,
    Sdg,
    Support,
    Topic,
)
from tests.factories import AreaFactory, CommitteeFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

AUTHOR_NAME = "Hemmelig Forfatter"
AUTHOR_EMAIL = "forfatter.hemmelig@example.org"
CONTACT_NAME = "Karen Kontaktperson"
CONTACT_EMAIL = "kontakt.person@example.org"
COPROPOSER_NAME = "Mads Medforslagsstiller"
SHOWN_SUPPORTER = "Synne Synligstøtter"
HIDDEN_SUPPORTER = "Skjulte Støttesen"
PERSON_KEY = "personkey0123456789abcdef"


def _proposal(municipality: Any, **fields: Any) -> Proposal:
    now = timezone.now()
    defaults: dict[str, Any] = {
        "title": "Et forslag",
        "summary": "Kort om forslaget.",
        "body": "Hele forslaget.",
        "state": "collecting",
        "published_at": now - timedelta(days=10),
        "collection_ends": now + timedelta(days=170),
        "threshold": 600,
    }
    defaults.update(fields)
    return Proposal.objects.create(municipality=municipality, **defaults)


def _event(proposal: Proposal, kind: str, days_ago: int, **fields: Any) -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal,
        kind=kind,
        state_after=fields.pop("state_after", proposal.state),
        actor_role=fields.pop("actor_role", "moderator"),
        at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def data(municipality, other_municipality):  # type: ignore[no-untyped-def]
    now = timezone.now()
    author = UserFactory(name=AUTHOR_NAME, email=AUTHOR_EMAIL)
    contact = UserFactory(name=CONTACT_NAME, email=CONTACT_EMAIL)
    district = AreaFactory(municipality=municipality, name="Lyngby Nord", slug="lyngby-nord")
    street = AreaFactory(
        municipality=municipality, name="Sorgenfri", slug="sorgenfri", parent=district
    )
    AreaFactory(municipality=municipality, name="Taarbæk", slug="taarbaek")
    committee = CommitteeFactory(municipality=municipality, name="Teknik- og Miljøudvalget")
    green = Topic.objects.create(municipality=municipality, name="Grønne områder", slug="groent")
    Topic.objects.create(municipality=municipality, name="Trafik", slug="trafik")

    collecting = _proposal(
        municipality,
        title="Flere bænke i Sorgenfri",
        summary="Bænke langs stien, så ældre kan hvile sig.",
        author=author,
        area=street,
        support_count=42,
        published_at=now - timedelta(days=3),
        collection_ends=now + timedelta(days=20),
    )
    collecting.topics.add(green)
    collecting.sdgs.add(Sdg.objects.get_or_create(number=11)[0])
    _event(collecting, "created", 12, actor_role="author", public=False, note="intern note")
    _event(collecting, "approve", 3)
    CoProposer.objects.create(
        proposal=collecting, user=UserFactory(name=COPROPOSER_NAME), joined_at=now
    )
    Support.objects.create(
        proposal=collecting,
        person_key=PERSON_KEY,
        user=UserFactory(),
        show_name=True,
        public_name=SHOWN_SUPPORTER,
        created_at=now,
    )
    Support.objects.create(
        proposal=collecting,
        person_key=PERSON_KEY + "2",
        user=UserFactory(),
        show_name=False,
        public_name=HIDDEN_SUPPORTER,
        created_at=now,
    )

    answered = _proposal(
        municipality,
        title="Cykelsti til skolen",
        summary="En sikker vej for børn på cykel.",
        author=author,
        state="answered",
        support_count=650,
        published_at=now - timedelta(days=200),
        collection_ends=now - timedelta(days=20),
        threshold_reached_at=now - timedelta(days=60),
        referred_at=now - timedelta(days=55),
        answer_due=now + timedelta(days=120),
        answered_at=now - timedelta(days=2),
        committee=committee,
        case_number="27.00.00-P20-1-25",
        contact_person=contact,
        decision="adopted",
        answer_text="Udvalget vedtog forslaget. Stien bygges i 2026.",
    )
    answered.sdgs.add(Sdg.objects.get_or_create(number=3)[0])
    _event(answered, "approve", 200, state_after="collecting")
    _event(answered, "refer", 55, state_after="referred", actor_role="committee_secretary")
    _event(answered, "reminder", 30, public=False, actor_role="system", note="Intern påmindelse")
    _event(answered, "answer", 2, actor_role="committee_secretary", note="adopted")

    expired = _proposal(
        municipality,
        title="Hundeskov ved søen",
        state="expired",
        support_count=5,
        published_at=now - timedelta(days=400),
        collection_ends=now - timedelta(days=220),
        area=district,
    )
    draft = _proposal(
        municipality,
        title="Hemmeligt udkast",
        author=author,
        state="draft",
        published_at=None,
        collection_ends=None,
    )
    in_review = _proposal(
        municipality, title="Forslag under behandling", state="in_review", published_at=None
    )
    elsewhere = _proposal(other_municipality, title="Forslag fra en anden kommune")
    return SimpleNamespace(
        collecting=collecting,
        answered=answered,
        expired=expired,
        draft=draft,
        in_review=in_review,
        elsewhere=elsewhere,
        author=author,
    )


def _get(client: Any, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def _ids(body: dict[str, Any]) -> list[int]:
    return [item["id"] for item in body["items"]]


# --- list -----------------------------------------------------------------------------------


def test_list_shape_and_only_published_proposals_of_this_municipality(
    data, municipality, client_for
):
    body = _get(client_for(municipality), "/api/v1/proposals")
    assert body["count"] == 3
    assert _ids(body) == [data.collecting.pk, data.answered.pk, data.expired.pk]  # newest first
    item = body["items"][0]
    assert set(item) == {
        "id",
        "url",
        "title",
        "summary",
        "status",
        "status_label",
        "area",
        "topics",
        "sdgs",
        "counts",
        "dates",
    }
    assert item["title"] == "Flere bænke i Sorgenfri"
    assert item["status"] == "collecting"
    assert item["status_label"]
    assert item["url"] == f"http://lyngby.test/forslag/{data.collecting.pk}/"
    assert item["area"] == {"slug": "sorgenfri", "name": "Sorgenfri"}
    assert item["topics"] == [{"slug": "groent", "name": "Grønne områder"}]
    assert [s["number"] for s in item["sdgs"]] == [11]
    assert item["sdgs"][0]["name"]
    assert item["counts"] == {"supports": 42, "threshold": 600, "progress": 0.07}
    assert item["dates"]["published"] is not None
    assert item["dates"]["answered"] is None


def test_drafts_and_proposals_in_review_never_appear(data, municipality, client_for):
    for client in (
        client_for(municipality),
        client_for(municipality, user=data.author),
        client_for(municipality, user=grant(UserFactory(), "moderator", municipality)),
    ):
        ids = _ids(_get(client, "/api/v1/proposals", status="all", limit=100))
        assert data.draft.pk not in ids
        assert data.in_review.pk not in ids
        for hidden in (data.draft, data.in_review):
            assert client.get(f"/api/v1/proposals/{hidden.pk}").status_code == 404


def test_tenant_isolation(data, municipality, other_municipality, client_for):
    ours = client_for(municipality)
    assert data.elsewhere.pk not in _ids(_get(ours, "/api/v1/proposals"))
    assert ours.get(f"/api/v1/proposals/{data.elsewhere.pk}").status_code == 404

    theirs = client_for(other_municipality)
    assert _ids(_get(theirs, "/api/v1/proposals")) == [data.elsewhere.pk]
    assert theirs.get(f"/api/v1/proposals/{data.collecting.pk}").status_code == 404


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("collecting", ["collecting"]),
        ("committee", []),
        ("answered", ["answered"]),
        ("ended", ["expired"]),
        ("all", ["collecting", "answered", "expired"]),
    ],
)
def test_status_filter(data, municipality, client_for, status, expected):
    body = _get(client_for(municipality), "/api/v1/proposals", status=status)
    assert _ids(body) == [getattr(data, name).pk for name in expected]
    assert body["count"] == len(expected)


def test_area_filter_includes_areas_inside(data, municipality, client_for):
    client = client_for(municipality)
    assert _ids(_get(client, "/api/v1/proposals", area="lyngby-nord")) == [
        data.collecting.pk,
        data.expired.pk,
    ]
    assert _ids(_get(client, "/api/v1/proposals", area="sorgenfri")) == [data.collecting.pk]
    assert _ids(_get(client, "/api/v1/proposals", area="taarbaek")) == []
    assert _ids(_get(client, "/api/v1/proposals", area="findes-ikke")) == []


def test_topic_sdg_and_search_filters(data, municipality, client_for):
    client = client_for(municipality)
    assert _ids(_get(client, "/api/v1/proposals", topic="groent")) == [data.collecting.pk]
    assert _ids(_get(client, "/api/v1/proposals", topic="trafik")) == []
    assert _ids(_get(client, "/api/v1/proposals", sdg=3)) == [data.answered.pk]
    assert _ids(_get(client, "/api/v1/proposals", sdg=17)) == []
    assert _ids(_get(client, "/api/v1/proposals", q="bænke")) == [data.collecting.pk]
    assert _ids(_get(client, "/api/v1/proposals", q="cykel skolen")) == [data.answered.pk]
    assert _ids(_get(client, "/api/v1/proposals", q="udkast")) == []  # the draft stays hidden


def test_sorts(data, municipality, client_for):
    client = client_for(municipality)
    assert _ids(_get(client, "/api/v1/proposals", sort="most_supported")) == [
        data.answered.pk,
        data.collecting.pk,
        data.expired.pk,
    ]
    collecting_and_later = _get(client, "/api/v1/proposals", sort="closing_soon")
    assert _ids(collecting_and_later) == [data.expired.pk, data.answered.pk, data.collecting.pk]


def test_paging(data, municipality, client_for):
    client = client_for(municipality)
    page = _get(client, "/api/v1/proposals", limit=1, offset=1)
    assert page["count"] == 3
    assert _ids(page) == [data.answered.pk]
    assert _ids(_get(client, "/api/v1/proposals", limit=2, offset=2)) == [data.expired.pk]
    assert _ids(_get(client, "/api/v1/proposals", offset=10)) == []


def test_limit_is_cut_to_100(municipality, client_for):
    for n in range(105):
        _proposal(municipality, title=f"Forslag {n}")
    body = _get(client_for(municipality), "/api/v1/proposals", limit=1000)
    assert body["count"] == 105
    assert len(body["items"]) == 100


def test_query_count_does_not_grow_with_rows(
    data, municipality, client_for, django_assert_max_num_queries
):
    client = client_for(municipality)
    with django_assert_max_num_queries(12) as few:
        _get(client, "/api/v1/proposals", limit=1)
    for n in range(5):
        p = _proposal(municipality, title=f"Mere {n}")
        p.sdgs.add(Sdg.objects.get(number=5))
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = _get(client, "/api/v1/proposals", limit=100)
    assert body["count"] == 8


@pytest.mark.parametrize(
    "params",
    [
        {"status": "draft"},
        {"status": "secret"},
        {"sort": "random"},
        {"sdg": "0"},
        {"sdg": "18"},
        {"sdg": "abc"},
        {"sdg": "99999999999999999999999999"},
        {"area": "../x"},
        {"area": "a" * 81},
        {"topic": "<script>"},
        {"q": "x" * 201},
        {"q": "nul\x00byte"},
        {"limit": "0"},
        {"limit": "-5"},
        {"limit": "abc"},
        {"offset": "-1"},
        {"offset": "x"},
    ],
)
def test_bad_list_params_are_422(data, municipality, client_for, params):
    response = client_for(municipality).get("/api/v1/proposals", params)
    assert response.status_code == 422, response.content
    assert "detail" in response.json()


@pytest.mark.parametrize("pk", ["0", "-1", "99999999999999999999999", "abc", "1.5"])
def test_bad_detail_ids_are_4xx(data, municipality, client_for, pk):
    assert client_for(municipality).get(f"/api/v1/proposals/{pk}").status_code in (404, 422)


def test_unknown_host_is_404(data, client):
    assert client.get("/api/v1/proposals", HTTP_HOST="ukendt.test").status_code == 404


# --- detail ---------------------------------------------------------------------------------


def test_detail_shape(data, municipality, client_for):
    p = data.answered
    body = _get(client_for(municipality), f"/api/v1/proposals/{p.pk}")
    assert body["id"] == p.pk
    assert body["title"] == "Cykelsti til skolen"
    assert body["body"] == "Hele forslaget."
    assert body["status"] == "answered"
    assert body["status_label"] and body["status_help"]
    assert body["url"] == f"http://lyngby.test/forslag/{p.pk}/"
    assert body["counts"] == {"supports": 650, "threshold": 600, "progress": 1.0}
    assert set(body["dates"]) == {
        "published",
        "collection_ends",
        "threshold_reached",
        "referred",
        "committee_meeting",
        "answer_due",
        "answered",
        "closed",
    }
    for key in ("published", "collection_ends", "referred", "answer_due", "answered"):
        assert body["dates"][key], key
    assert body["committee"] == "Teknik- og Miljøudvalget"
    assert body["case_number"] == "27.00.00-P20-1-25"
    assert body["decision"] == "adopted"
    assert body["decision_label"]
    assert body["answer_text"] == "Udvalget vedtog forslaget. Stien bygges i 2026."
    assert body["area"] is None
    assert body["topics"] == []
    assert [s["number"] for s in body["sdgs"]] == [3]
    # Public events only, oldest first.
    assert [e["kind"] for e in body["timeline"]] == ["approve", "refer", "answer"]
    event = body["timeline"][-1]
    assert set(event) == {
        "kind",
        "label",
        "at",
        "status_after",
        "actor_role",
        "actor_role_label",
        "note",
    }
    assert event["actor_role"] == "committee_secretary"
    assert "Intern påmindelse" not in str(body)


def test_detail_of_collecting_proposal_before_the_answer(data, municipality, client_for):
    body = _get(client_for(municipality), f"/api/v1/proposals/{data.collecting.pk}")
    assert body["decision"] is None
    assert body["decision_label"] is None
    assert body["committee"] is None
    assert body["area"] == {"slug": "sorgenfri", "name": "Sorgenfri"}
    assert [e["kind"] for e in body["timeline"]] == ["approve"]  # "created" is not public
    assert "intern note" not in str(body)


def test_missing_proposal_is_404(data, municipality, client_for):
    assert client_for(municipality).get("/api/v1/proposals/987654").status_code == 404


# --- personal data --------------------------------------------------------------------------


def test_no_personal_data_anywhere(data, municipality, client_for):
    client = client_for(municipality)
    texts = [
        client.get("/api/v1/proposals", {"status": "all"}).content.decode(),
        client.get(f"/api/v1/proposals/{data.collecting.pk}").content.decode(),
        client.get(f"/api/v1/proposals/{data.answered.pk}").content.decode(),
    ]
    for text in texts:
        for secret in (
            AUTHOR_NAME,
            AUTHOR_EMAIL,
            CONTACT_NAME,
            CONTACT_EMAIL,
            COPROPOSER_NAME,
            SHOWN_SUPPORTER,
            HIDDEN_SUPPORTER,
            PERSON_KEY,
            str(data.collecting.coproposer_token),
        ):
            assert secret not in text
        for key in ('"author', '"contact', '"supporter', '"person_key', '"email', "coproposer"):
            assert key not in text


def test_openapi_schema_lists_the_endpoints(client, municipality):
    schema = client.get("/api/v1/openapi.json", HTTP_HOST="lyngby.test").json()
    assert "/api/v1/proposals" in schema["paths"]
    assert "/api/v1/proposals/{id}" in schema["paths"]


@pytest.mark.django_db
def test_a_huge_offset_is_refused_not_a_500(municipality, client_for):
    response = client_for(municipality).get("/api/v1/proposals?offset=9223372036854775808")
    assert response.status_code == 422
