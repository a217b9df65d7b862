"""Read side: who sees which proposal, the list's filters, search, sorting and query budget."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import TemplateDoesNotExist
from django.test.utils import CaptureQueriesContext

from medborger.proposals import selectors
from medborger.proposals.models import CoProposer, Proposal, Sdg, Topic
from medborger.proposals.selectors import ListFilters
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db

ALL_STATES = [
    "draft",
    "awaiting_coproposers",
    "in_review",
    "collecting",
    "threshold_reached",
    "referred",
    "answered",
    "implemented",
    "closed",
    "withdrawn",
    "rejected_in_review",
    "expired",
]


@pytest.fixture
def make(municipality, author, t0):  # type: ignore[no-untyped-def]
    """A proposal written straight to the database, in any state."""
    counter = iter(range(10_000))

    def build(state: str = "collecting", **kw: Any) -> Proposal:
        n = next(counter)
        published = state not in {"draft", "awaiting_coproposers", "in_review"}
        fields: dict[str, Any] = {
            "municipality": municipality,
            "author": author,
            "title": f"Forslag {n}",
            "summary": "Et kort resumé.",
            "body": "Selve forslaget.",
            "state": state,
            "threshold": 10,
            "published_at": t0 + timedelta(hours=n) if published else None,
            "collection_ends": t0 + timedelta(days=180, hours=n) if published else None,
        }
        fields.update(kw)
        topics, sdgs = fields.pop("topics", []), fields.pop("sdgs", [])
        proposal = Proposal.objects.create(**fields)
        proposal.topics.set(topics)
        proposal.sdgs.set(sdgs)
        return proposal

    return build


def visible(user: Any, municipality: Any) -> set[int]:
    return set(
        selectors.proposals_visible_to(user=user, municipality=municipality).values_list(
            "pk", flat=True
        )
    )


def listed(user: Any, municipality: Any, language: str = "da", **filters: Any) -> list[Proposal]:
    return list(
        selectors.proposal_list(
            user=user, municipality=municipality, filters=ListFilters(**filters), language=language
        )
    )


def titles(proposals: list[Proposal]) -> list[str]:
    return [p.title for p in proposals]


# --- visibility --------------------------------------------------------------------------------


@pytest.fixture
def one_of_each(make):  # type: ignore[no-untyped-def]
    return {state: make(state) for state in ALL_STATES}


def test_unpublished_stages_only_for_author_coproposers_and_staff(
    one_of_each, municipality, author, make_resident, moderator, secretary
):
    public = {
        p.pk
        for state, p in one_of_each.items()
        # `make` publishes a withdrawn proposal first: withdrawn after publication stays public.
        if state not in {"draft", "awaiting_coproposers", "in_review"}
    }
    everything = {p.pk for p in one_of_each.values()}
    assert visible(AnonymousUser(), municipality) == public
    assert visible(make_resident(), municipality) == public
    assert visible(author, municipality) == everything
    # Staff see every submitted stage, but a draft stays the author's own until submitted.
    submitted = everything - {one_of_each["draft"].pk}
    assert visible(moderator, municipality) == submitted
    assert visible(secretary, municipality) == submitted
    superuser = UserFactory(is_superuser=True)
    assert visible(superuser, municipality) == submitted


def test_coproposer_sees_the_proposal_before_publication(one_of_each, municipality, make_resident):
    person = make_resident()
    pending = one_of_each["awaiting_coproposers"]
    CoProposer.objects.create(proposal=pending, user=person, joined_at=pending.created_at)
    assert pending.pk in visible(person, municipality)
    assert one_of_each["draft"].pk not in visible(person, municipality)


def test_withdrawn_stays_public_only_if_it_was_published(make, municipality, make_resident):
    after_publication = make("withdrawn")
    as_draft = make("withdrawn", published_at=None, collection_ends=None)
    seen = visible(make_resident(), municipality)
    assert after_publication.pk in seen
    assert as_draft.pk not in seen


def test_another_municipality_never(make, other_municipality, municipality, one_of_each):
    foreign_staff = grant(UserFactory(), "municipal_admin", other_municipality)
    assert visible(foreign_staff, municipality) == visible(AnonymousUser(), municipality)
    # Nor does anything of this municipality show on the other one's site, even for staff.
    assert visible(foreign_staff, other_municipality) == set()
    assert visible(UserFactory(is_superuser=True), other_municipality) == set()


def test_no_duplicates_when_several_coproposers(make, municipality, author, coproposers):
    proposal = make("collecting")
    for person in coproposers:
        CoProposer.objects.create(proposal=proposal, user=person, joined_at=proposal.created_at)
    rows = list(selectors.proposals_visible_to(user=coproposers[0], municipality=municipality))
    assert rows.count(proposal) == 1
    assert titles(listed(coproposers[0], municipality)) == [proposal.title]


# --- filters -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "states"),
    [
        ("collecting", {"collecting"}),
        ("committee", {"threshold_reached", "referred"}),
        ("answered", {"answered", "implemented", "closed"}),
        ("ended", {"expired", "rejected_in_review", "withdrawn"}),
        ("all", {"collecting", "threshold_reached", "referred", "answered", "implemented",
                 "closed", "rejected_in_review", "expired", "withdrawn"}),
    ],
)  # fmt: skip
def test_status_groups(one_of_each, municipality, status, states):
    assert {p.state for p in listed(AnonymousUser(), municipality, status=status)} == states


def test_area_filter_includes_sub_areas(make, municipality, town, district, sibling_district):
    in_town = make(area=town, title="Byen")
    in_district = make(area=district, title="Sorgenfri")
    in_sibling = make(area=sibling_district, title="Virum")
    everywhere = make(area=None, title="Hele kommunen")
    anyone = AnonymousUser()
    assert set(titles(listed(anyone, municipality, area="lyngby"))) == {
        in_town.title,
        in_district.title,
        in_sibling.title,
    }
    assert titles(listed(anyone, municipality, area="sorgenfri")) == [in_district.title]
    assert everywhere.title in titles(listed(anyone, municipality))


def test_topic_and_sdg_filters(make, municipality):
    green = Topic.objects.create(municipality=municipality, name="Natur", slug="natur")
    traffic = Topic.objects.create(municipality=municipality, name="Trafik", slug="trafik")
    goal = Sdg.objects.get(number=11)
    both = make(title="Grøn vej", topics=[green, traffic], sdgs=[goal])
    only_green = make(title="Skov", topics=[green])
    make(title="Ingenting")
    anyone = AnonymousUser()
    assert set(titles(listed(anyone, municipality, topic="natur"))) == {
        both.title,
        only_green.title,
    }
    assert titles(listed(anyone, municipality, topic="trafik")) == [both.title]
    assert titles(listed(anyone, municipality, sdg=11)) == [both.title]
    assert titles(listed(anyone, municipality, topic="natur", sdg=11)) == [both.title]


def test_search_finds_words_in_title_summary_and_body(make, municipality):
    make(title="En bænk ved søen", summary="Hvile", body="Til gående")
    make(title="Legeplads", summary="Gynger til børn", body="I parken")
    make(title="Cykelsti", summary="Sikker vej", body="Til skolen med legeplads")
    anyone = AnonymousUser()
    assert titles(listed(anyone, municipality, q="bænk")) == ["En bænk ved søen"]
    assert set(titles(listed(anyone, municipality, q="legeplads"))) == {"Legeplads", "Cykelsti"}
    # Every word must match.
    assert titles(listed(anyone, municipality, q="legeplads skolen")) == ["Cykelsti"]
    assert listed(anyone, municipality, q="svømmehal") == []
    # Punctuation alone is no search at all.
    assert len(listed(anyone, municipality, q="?!")) == 3


def test_search_never_shows_what_the_user_may_not_see(make, municipality):
    make("draft", title="Hemmelig bænk")
    assert listed(AnonymousUser(), municipality, status="all", q="bænk") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Danish stemming needs PostgreSQL")
def test_search_with_danish_stemming_on_postgresql(make, municipality):
    make(title="En bænk ved søen", summary="Hvile", body="Til gående")
    make(title="Parkering", summary="Flere pladser", body="Ved stationen")
    anyone = AnonymousUser()
    assert titles(listed(anyone, municipality, q="bænke")) == ["En bænk ved søen"]
    assert titles(listed(anyone, municipality, q="bænkene")) == ["En bænk ved søen"]
    assert titles(listed(anyone, municipality, q="pladserne")) == ["Parkering"]
    # Words that only the search syntax knows never break the query.
    assert listed(anyone, municipality, q='"bænk -søen') == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search on PostgreSQL")
def test_similar_proposals_match_any_word_on_postgresql(make, municipality):
    make(title="Flere bænke i parken")
    make(title="Ny cykelsti")
    make("draft", title="Bænk i kladde")
    found = selectors.similar_proposals(
        municipality=municipality, text="bænk ved stranden", language="da", exclude_pk=None
    )
    assert titles(found) == ["Flere bænke i parken"]


# --- sorting -----------------------------------------------------------------------------------


def test_sorting(make, municipality, t0):
    old_popular = make(
        title="Gammel", published_at=t0, collection_ends=t0 + timedelta(days=5), support_count=9
    )
    new_quiet = make(
        title="Ny",
        published_at=t0 + timedelta(days=2),
        collection_ends=t0 + timedelta(days=200),
        support_count=1,
    )
    middle = make(
        title="Midt",
        published_at=t0 + timedelta(days=1),
        collection_ends=t0 + timedelta(days=30),
        support_count=5,
    )
    anyone = AnonymousUser()
    assert listed(anyone, municipality) == [new_quiet, middle, old_popular]
    assert listed(anyone, municipality, sort="newest") == [new_quiet, middle, old_popular]
    assert listed(anyone, municipality, sort="most_supported") == [old_popular, middle, new_quiet]
    assert listed(anyone, municipality, sort="closing_soon") == [old_popular, middle, new_quiet]
    assert listed(anyone, municipality, sort="nonsense") == [new_quiet, middle, old_popular]


# --- query budget ------------------------------------------------------------------------------


def _list_queries(user: Any, municipality: Any, **filters: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        for proposal in listed(user, municipality, **filters):
            _ = proposal.area.name if proposal.area else None
            _ = [topic.name for topic in proposal.topics.all()]
    return len(queries)


def _fill(make, municipality, district, count: int) -> None:  # type: ignore[no-untyped-def]
    topic, _created = Topic.objects.get_or_create(
        municipality=municipality, slug="natur", defaults={"name": "Natur"}
    )
    for _i in range(count):
        make(area=district, topics=[topic])


@pytest.mark.parametrize("who", ["anonymous", "resident", "staff"])
def test_list_query_count_does_not_grow_with_the_rows(
    make, municipality, district, make_resident, moderator, who
):
    user = {"anonymous": AnonymousUser(), "staff": moderator}.get(who) or make_resident()
    _list_queries(user, municipality)  # reads (and caches on the user) the roles once
    _fill(make, municipality, district, 5)
    few = _list_queries(user, municipality)
    few_filtered = _list_queries(user, municipality, area="lyngby", topic="natur", q="forslaget")
    _fill(make, municipality, district, 35)
    assert len(listed(user, municipality)) == 40
    assert _list_queries(user, municipality) == few
    assert (
        _list_queries(user, municipality, area="lyngby", topic="natur", q="forslaget")
        == few_filtered
    )


def test_list_page_query_count_does_not_grow_with_the_rows(
    make, municipality, district, client_for, make_resident
):
    client = client_for(municipality, make_resident())

    def page_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            try:
                response = client.get("/forslag/")
            except TemplateDoesNotExist as missing:
                pytest.skip(f"the list template is not written yet ({missing}); selector tested")
        assert response.status_code == 200
        return len(queries)

    _fill(make, municipality, district, 5)
    few = page_queries()
    _fill(make, municipality, district, 35)  # more than a page (20)
    assert page_queries() == few


def test_answer_form_refuses_other_file_types():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from medborger.proposals.forms import AnswerForm

    form = AnswerForm(
        {"decision": "adopted", "answer_text": "Ja."},
        {"attachment": SimpleUploadedFile("virus.exe", b"MZ")},
    )
    assert not form.is_valid() and "attachment" in form.errors
