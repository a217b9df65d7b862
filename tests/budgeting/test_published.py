"""What is published after the close and what staff do around the ballot: paper ballots typed in
by one person and confirmed by another, the ballot list with receipt lookup, the pabulib export
and the replay of a .pb file."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from medborger.budgeting import services
from medborger.budgeting.models import Ballot, PaperBallotSheet
from medborger.domain.counting import count, parse_pabulib
from tests.budgeting.conftest import CLOSES, NOW, pick

pytestmark = pytest.mark.django_db

AFTER = CLOSES + timedelta(days=1)


@pytest.fixture
def receipts(process, projects, make_voter):  # type: ignore[no-untyped-def]
    legeplads, baenke, traeer = projects
    return [
        services.ballot_cast(process_id=process.pk, user=make_voter(), choice=c, now=NOW)
        for c in (pick(legeplads, traeer), pick(legeplads), pick(baenke))
    ]


# --- paper ballots ----------------------------------------------------------------------------


def test_a_paper_ballot_is_typed_in_by_one_and_confirmed_by_another(
    municipality, process, projects, clerks, client_for
):
    officer, admin = clerks
    with time_machine.travel(NOW, tick=False):
        first = client_for(municipality, officer, language="en")
        url = f"/borgerbudget/personale/{process.pk}/papir/"
        assert first.get(url).status_code == 200
        over = first.post(
            url,
            {
                "name": "Inger Holm",
                "birth_date": "1941-03-12",
                "project": [str(p.pk) for p in projects[:2]],
            },
        )
        html = over.content.decode()
        assert over.status_code == 400 and "but the pool is 200.000 kr" in html
        assert "Inger Holm" in html  # nothing typed is lost
        assert not PaperBallotSheet.objects.exists()
        saved = first.post(
            url, {"name": "Inger Holm", "birth_date": "1941-03-12", "project": [projects[0].pk]}
        )
        assert saved.status_code == 302
        sheet = PaperBallotSheet.objects.get()
        own = first.post(f"/borgerbudget/personale/papir/{sheet.pk}/bekraeft/")
        assert own.status_code == 400 and "Another staff member" in own.content.decode()
        second = client_for(municipality, admin, language="en")
        assert "Legeplads" in second.get(url).content.decode()
        confirmed = second.post(f"/borgerbudget/personale/papir/{sheet.pk}/bekraeft/")
        assert confirmed.status_code == 302
        again = second.post(f"/borgerbudget/personale/papir/{sheet.pk}/bekraeft/")
        assert again.status_code == 400 and "already been confirmed" in again.content.decode()
        twice = first.post(
            url, {"name": "inger  holm", "birth_date": "1941-03-12", "project": [projects[2].pk]}
        )
        assert twice.status_code == 302
        sheet2 = PaperBallotSheet.objects.filter(state="pending").get()
        refused = second.post(f"/borgerbudget/personale/papir/{sheet2.pk}/bekraeft/")
        assert refused.status_code == 400
        assert "already voted, online or on paper" in refused.content.decode()
    assert Ballot.objects.filter(process=process, channel="paper").count() == 1


def test_residents_cannot_enter_paper_ballots(municipality, process, projects, voter, client_for):
    page = client_for(municipality, voter).post(
        f"/borgerbudget/personale/{process.pk}/papir/", {"name": "X", "birth_date": "1990-01-01"}
    )
    assert page.status_code == 403
    assert not PaperBallotSheet.objects.exists()


# --- after the close --------------------------------------------------------------------------


def test_a_voter_finds_their_ballot_by_the_receipt(municipality, process, receipts, client_for):
    with time_machine.travel(AFTER, tick=False):
        client = client_for(municipality, language="en")
        found = client.get(
            f"/borgerbudget/{process.pk}/resultat/find/", {"kode": receipts[0].lower()}
        )
        missing = client.get(
            f"/borgerbudget/{process.pk}/resultat/find/", {"kode": "AAAA-BBBB-CCCC-DDDD"}
        )
    assert found.status_code == 200
    html = found.content.decode()
    assert "Ballot number 1" in html and "Legeplads" in html and "Træer" in html
    assert "This ballot was counted." in html
    assert missing.status_code == 404 and "No ballot has this receipt code" in (
        missing.content.decode()
    )


def test_nothing_is_published_before_the_close(municipality, process, receipts, client_for):
    with time_machine.travel(NOW, tick=False):
        client = client_for(municipality)
        for path in ("resultat/find/?kode=x", "resultat/stemmesedler.jsonl"):
            assert client.get(f"/borgerbudget/{process.pk}/{path}").status_code == 404


def test_the_ballot_list_is_the_log(municipality, process, receipts, client_for):
    with time_machine.travel(AFTER, tick=False):
        response = client_for(municipality).get(
            f"/borgerbudget/{process.pk}/resultat/stemmesedler.jsonl"
        )
        body = b"".join(response.streaming_content).decode()
    assert response.status_code == 200
    lines = body.strip().splitlines()
    assert len(lines) == 3 and all(r in body for r in receipts)
    assert "Vera" not in body


def test_the_pb_export_recounts_to_the_published_result(
    municipality, process, pool, receipts, client_for
):
    with time_machine.travel(AFTER, tick=False):
        response = client_for(municipality).get(
            f"/borgerbudget/{process.pk}/resultat/pulje-{pool.pk}.pb"
        )
    assert response.status_code == 200
    text = response.content.decode()
    assert "equalshares" not in text and "rule;greedy" in text
    instance, profile = parse_pabulib(text)
    assert instance.budget == 200_000 and len(profile.ballots) == 3
    process.refresh_from_db()
    assert set(count("greedy", instance, profile)) == set(process.result["selected"])
    assert "Legeplads" in text  # the name column


def test_the_pb_export_of_another_pool_is_not_found(municipality, process, receipts, client_for):
    with time_machine.travel(AFTER, tick=False):
        page = client_for(municipality).get(f"/borgerbudget/{process.pk}/resultat/pulje-0.pb")
    assert page.status_code == 404


# --- replay -----------------------------------------------------------------------------------

GOOD_PB = """META
key;value
description;Testby 2024
num_projects;3
num_votes;4
budget;100
vote_type;approval
PROJECTS
project_id;cost
a;60
b;40
c;30
VOTES
voter_id;vote
1;a
2;a,b
3;b,c
4;c
"""


def test_staff_replay_a_pb_file_by_every_rule(municipality, clerks, client_for):
    officer, _admin = clerks
    client = client_for(municipality, officer, language="en")
    assert client.get("/borgerbudget/personale/genspil/").status_code == 200
    for rule, funded in (("greedy", {"a", "b"}), ("mes", {"b", "c"}), ("phragmen", None)):
        page = client.post(
            "/borgerbudget/personale/genspil/",
            {"rule": rule, "file": SimpleUploadedFile("t.pb", GOOD_PB.encode())},
        )
        assert page.status_code == 200, page.content
        html = page.content.decode()
        assert "Testby 2024" in html and "4 ballots" in html
        if funded is not None:
            expected = count(rule, *parse_pabulib(GOOD_PB))
            assert set(expected) == funded
    mes = client.post(
        "/borgerbudget/personale/genspil/",
        {"rule": "mes", "file": SimpleUploadedFile("t.pb", GOOD_PB.encode())},
    ).content.decode()
    assert "20 kr" in mes and "25 kr" in mes  # the price per supporter of b and c


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (GOOD_PB.replace("2;a,b", "2;a,x"), "line 16: the vote names the project"),
        (GOOD_PB.replace("b;40", "b;forty"), "line 11"),
        (GOOD_PB.replace("budget;100\n", ""), "META has no budget"),
        ("\xff\xfe", "not UTF-8"),
    ],
)
def test_a_corrupt_pb_file_is_refused_with_line_and_reason(
    municipality, clerks, client_for, content, message
):
    officer, _admin = clerks
    page = client_for(municipality, officer, language="en").post(
        "/borgerbudget/personale/genspil/",
        {"rule": "mes", "file": SimpleUploadedFile("t.pb", content.encode("latin-1", "replace"))},
    )
    assert page.status_code == 400
    assert message in page.content.decode()


def test_residents_cannot_replay(municipality, voter, client_for):
    assert (
        client_for(municipality, voter).get("/borgerbudget/personale/genspil/").status_code == 403
    )


def test_every_pabulib_reason_has_a_translatable_text():
    from medborger.budgeting.replay import _reasons
    from medborger.domain.counting.pabulib import REASONS

    assert set(_reasons()) == set(REASONS)
