"""A server that dies between committing a ballot and saving the session would leave a counted
ballot whose receipt the voter never saw ("You have already voted. Use your receipt …"). The vote
view keeps the receipt in the session inside the ballot's transaction: both are stored or neither
(bench/crash.py kills workers mid-request to show it on a real server)."""

from __future__ import annotations

import pytest
import time_machine
from django.contrib.sessions.backends.base import UpdateError
from django.db import DatabaseError

from medborger.accounts.sessions import SessionStore
from medborger.budgeting.models import Ballot, VoterRegister
from tests.budgeting.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _inside_the_voting_window():  # type: ignore[no-untyped-def]
    with time_machine.travel(NOW, tick=False):
        yield


def test_no_ballot_is_kept_when_its_receipt_cannot_be_kept(
    municipality, process, projects, voter, client_for, monkeypatch
):
    client = client_for(municipality, voter, language="en")
    client.get(f"/borgerbudget/{process.pk}/")  # the voter's session exists

    def dies(self, must_create=False):  # type: ignore[no-untyped-def]
        raise DatabaseError("the server died while saving the session")

    monkeypatch.setattr(SessionStore, "save", dies)
    with pytest.raises(DatabaseError):
        client.post(f"/borgerbudget/{process.pk}/stem/", {"project": [projects[0].pk]})
    assert not Ballot.objects.exists() and not VoterRegister.objects.exists()


def test_pressing_again_after_a_lost_answer_changes_the_vote_and_shows_a_receipt(
    municipality, process, projects, voter, client_for
):
    """The first answer never arrived, but the session has the receipt: the second press is a
    change of vote, and the voter gets a receipt for the ballot that counts."""
    client = client_for(municipality, voter, language="en")
    client.post(f"/borgerbudget/{process.pk}/stem/", {"project": [projects[0].pk]})
    again = client.post(
        f"/borgerbudget/{process.pk}/stem/", {"project": [projects[0].pk]}, HTTP_HX_REQUEST="true"
    )
    assert again.status_code == 200
    current = Ballot.objects.get(superseded=False)
    assert current.receipt_code in again.content.decode()
    assert client.session["budget_receipts"][str(process.pk)] == current.receipt_code
    assert VoterRegister.objects.count() == 1


def test_a_session_ended_during_the_vote_is_a_400_and_no_ballot(
    municipality, process, projects, voter, client_for, monkeypatch
):
    """Signing out in another tab deletes the session row while the vote is on its way: the
    vote is not counted (its receipt could not be kept) and the answer is a 400, not a 500."""
    client = client_for(municipality, voter, language="en")
    client.get(f"/borgerbudget/{process.pk}/")

    def gone(self, must_create=False):  # type: ignore[no-untyped-def]
        raise UpdateError

    monkeypatch.setattr(SessionStore, "save", gone)
    response = client.post(f"/borgerbudget/{process.pk}/stem/", {"project": [projects[0].pk]})
    assert response.status_code == 400
    assert not Ballot.objects.exists() and not VoterRegister.objects.exists()
