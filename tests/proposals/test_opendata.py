"""Open data about citizen proposals: the CSV export and the Atom feed."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import resolve, reverse
from django.utils import timezone

from medborger.core.permissions import declared_permission
from medborger.proposals.models import Proposal, ProposalEvent, Support
from medborger.proposals.opendata import CSV_COLUMNS
from tests.factories import AreaFactory, UserFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
AUTHOR_NAME = "Hemmelig Forfatter"
AUTHOR_EMAIL = "forfatter.hemmelig@example.org"
SUPPORTER_NAME = "Synne Synligstøtter"


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


def _event(proposal: Proposal, kind: str, days_ago: float, **fields: Any) -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal,
        kind=kind,
        state_after=proposal.state,
        actor_role=fields.pop("actor_role", "moderator"),
        at=timezone.now() - timedelta(days=days_ago),
        **fields,
    )


@pytest.fixture
def data(municipality, other_municipality):  # type: ignore[no-untyped-def]
    now = timezone.now()
    author = UserFactory(name=AUTHOR_NAME, email=AUTHOR_EMAIL)
    area = AreaFactory(municipality=municipality, name="Ærø Søndergård", slug="aeroe")
    collecting = _proposal(
        municipality,
        title="Bænke ved åen på Østergade",
        author=author,
        area=area,
        support_count=42,
        published_at=now - timedelta(days=3),
    )
    _event(collecting, "created", 12, actor_role="author", public=False)
    _event(collecting, "approve", 3)
    Support.objects.create(
        proposal=collecting,
        person_key="personkey-secret",
        user=UserFactory(),
        show_name=True,
        public_name=SUPPORTER_NAME,
        created_at=now,
    )
    answered = _proposal(
        municipality,
        title="Cykelsti til skolen",
        author=author,
        state="answered",
        support_count=650,
        published_at=now - timedelta(days=200),
        collection_ends=now - timedelta(days=20),
        referred_at=now - timedelta(days=55),
        answer_due=now + timedelta(days=120),
        answered_at=now - timedelta(days=1),
        decision="adopted",
        answer_text="Stien bygges i 2026.",
    )
    _event(answered, "approve", 200)
    _event(answered, "refer", 55, actor_role="committee_secretary")
    _event(answered, "answer", 1, actor_role="committee_secretary")
    formula = _proposal(
        municipality, title='=HYPERLINK("http://evil.test")', published_at=now - timedelta(5)
    )
    _event(formula, "approve", 5)
    draft = _proposal(
        municipality, title="Hemmeligt udkast", state="draft", published_at=None, author=author
    )
    _event(draft, "approve", 0.5)  # cannot really happen; the feed must still hide it
    in_review = _proposal(municipality, title="Under behandling", state="in_review")
    elsewhere = _proposal(other_municipality, title="Forslag fra en anden kommune")
    _event(elsewhere, "approve", 0.1)
    return SimpleNamespace(
        collecting=collecting,
        answered=answered,
        formula=formula,
        draft=draft,
        in_review=in_review,
        elsewhere=elsewhere,
    )


# --- URLs and permissions -------------------------------------------------------------------


def test_urls_and_declared_permissions():
    assert reverse("proposals_opendata:csv") == "/forslag/eksport.csv"
    assert reverse("proposals_opendata:feed") == "/forslag/feed/"
    for url in ("/forslag/eksport.csv", "/forslag/feed/"):
        assert declared_permission(resolve(url).func) == "proposals.view_list"
    # The proposals app under the same prefix still resolves.
    assert resolve("/forslag/").view_name == "proposals:list"


# --- CSV ------------------------------------------------------------------------------------


def _csv(response: Any) -> list[list[str]]:
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for Excel"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_csv_columns_bom_and_rows(data, municipality, client_for):
    response = client_for(municipality).get("/forslag/eksport.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == CSV_COLUMNS
    assert rows[0] == [
        "id",
        "title",
        "status",
        "area",
        "supports",
        "threshold",
        "published",
        "collection_ends",
        "referred_at",
        "answer_due",
        "decision",
        "url",
    ]
    by_id = {int(row[0]): dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]}
    # Newest first; only public proposals of this municipality.
    assert [int(row[0]) for row in rows[1:]] == [
        data.collecting.pk,
        data.formula.pk,
        data.answered.pk,
    ]
    row = by_id[data.collecting.pk]
    assert row["title"] == "Bænke ved åen på Østergade"  # æøå survive the round trip
    assert row["area"] == "Ærø Søndergård"
    assert row["status"] == "collecting"
    assert row["supports"] == "42"
    assert row["threshold"] == "600"
    assert row["published"].startswith(str(timezone.localdate(data.collecting.published_at)))
    assert row["referred_at"] == ""
    assert row["decision"] == ""
    assert row["url"] == f"http://lyngby.test/forslag/{data.collecting.pk}/"
    answered = by_id[data.answered.pk]
    assert answered["decision"] == "adopted"
    assert answered["referred_at"] and answered["answer_due"]
    assert answered["area"] == ""


def test_csv_defuses_spreadsheet_formulas(data, municipality, client_for):
    rows = _csv(client_for(municipality).get("/forslag/eksport.csv"))
    title = next(row[1] for row in rows[1:] if int(row[0]) == data.formula.pk)
    assert title == '\'=HYPERLINK("http://evil.test")'


def test_csv_has_no_drafts_no_other_municipality_and_no_personal_data(
    data, municipality, client_for
):
    text = client_for(municipality).get("/forslag/eksport.csv").content.decode("utf-8-sig")
    for secret in (
        "Hemmeligt udkast",
        "Under behandling",
        "Forslag fra en anden kommune",
        AUTHOR_NAME,
        AUTHOR_EMAIL,
        SUPPORTER_NAME,
        "personkey-secret",
    ):
        assert secret not in text


def test_csv_of_an_empty_municipality_has_only_the_header(other_municipality, client_for):
    rows = _csv(client_for(other_municipality).get("/forslag/eksport.csv"))
    assert rows == [CSV_COLUMNS]


# --- Atom feed ------------------------------------------------------------------------------


def _feed(response: Any) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own output
    assert root.tag == f"{ATOM}feed"
    return root


def test_feed_is_atom_with_new_proposals_and_decisions(data, municipality, client_for):
    root = _feed(client_for(municipality, language="da").get("/forslag/feed/"))
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "da"
    assert root.findtext(f"{ATOM}title")
    assert root.findtext(f"{ATOM}updated")
    entries = root.findall(f"{ATOM}entry")
    # approve and answer events of public proposals, newest first; "refer" is not in the feed.
    links = [e.find(f"{ATOM}link").get("href") for e in entries]  # type: ignore[union-attr]
    base = "http://lyngby.test/forslag/"
    assert links == [
        f"{base}{data.answered.pk}/",  # answered a day ago
        f"{base}{data.collecting.pk}/",  # published 3 days ago
        f"{base}{data.formula.pk}/",
        f"{base}{data.answered.pk}/",  # published 200 days ago
    ]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids), "each entry has its own id"
    assert all((i or "").startswith(base) for i in ids), "ids are absolute IRIs"
    assert root.findtext(f"{ATOM}id") == "http://lyngby.test/forslag/"
    titles = [e.findtext(f"{ATOM}title") or "" for e in entries]
    assert "Cykelsti til skolen" in titles[0]
    assert "Bænke ved åen på Østergade" in titles[1]
    for entry in entries:
        assert entry.findtext(f"{ATOM}updated")


def test_feed_hides_drafts_other_municipalities_and_personal_data(data, municipality, client_for):
    text = client_for(municipality).get("/forslag/feed/").content.decode()
    for secret in (
        "Hemmeligt udkast",
        "Forslag fra en anden kommune",
        AUTHOR_NAME,
        AUTHOR_EMAIL,
        SUPPORTER_NAME,
    ):
        assert secret not in text


def test_feed_title_follows_the_request_language(data, municipality, client_for):
    english = _feed(client_for(municipality, language="en").get("/forslag/feed/"))
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    first = english.find(f"{ATOM}entry")
    assert first is not None
    assert first.findtext(f"{ATOM}title") == "The committee answered: Cykelsti til skolen"


def test_feed_has_at_most_50_entries(municipality, client_for):
    for n in range(55):
        _event(_proposal(municipality, title=f"Forslag {n}"), "approve", n + 1)
    entries = _feed(client_for(municipality).get("/forslag/feed/")).findall(f"{ATOM}entry")
    assert len(entries) == 50
    assert "Forslag 0" in (entries[0].findtext(f"{ATOM}title") or "")


def test_feed_of_an_empty_municipality_is_valid(other_municipality, client_for):
    root = _feed(client_for(other_municipality).get("/forslag/feed/"))
    assert root.findall(f"{ATOM}entry") == []


def test_the_export_and_the_feed_are_only_read(data, municipality, client_for):
    client = client_for(municipality)
    for url in ("/forslag/eksport.csv", "/forslag/feed/"):
        assert client.head(url).status_code == 200
        refused = client.post(url)
        assert refused.status_code == 405
        assert set(refused["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD"}
