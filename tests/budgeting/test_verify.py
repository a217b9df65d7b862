"""The ballot log verifies, and changing, deleting or reordering a stored ballot is found at the
first broken position; the export can be checked and recounted by a script without Django."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from medborger.budgeting.models import Ballot
from medborger.budgeting.services import ballot_cast, ballots_verify, tally
from tests.budgeting.conftest import pick

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "verify_ballots.py"


@pytest.fixture
def voted(process, projects, make_voter, now):  # type: ignore[no-untyped-def]
    """Five ballots; the second voter changes theirs (positions 1-6)."""
    voters = [make_voter() for _ in range(5)]
    receipts = [
        ballot_cast(process_id=process.pk, user=v, choice=pick(projects[i % 3]), now=now)
        for i, v in enumerate(voters)
    ]
    ballot_cast(
        process_id=process.pk,
        user=voters[1],
        choice=pick(projects[2]),
        now=now + timedelta(minutes=5),
        replaces_receipt=receipts[1],
    )
    return process


def test_an_untouched_log_verifies_and_recounts(voted, projects):
    result = ballots_verify(process=voted)
    assert result.verdict.ok and result.verdict.checked == 6
    assert result.tally.voters == 5
    assert result.tally.points == tally(process=voted).points
    assert result.tally.points == {
        str(projects[0].pk): 2,
        str(projects[1].pk): 1,
        str(projects[2].pk): 2,
    }
    assert tally(process=voted).selected == [str(projects[0].pk), str(projects[2].pk)]


def test_a_changed_choice_is_found(voted, projects):
    Ballot.objects.filter(process=voted, position=3).update(choice=pick(projects[1]))
    verdict = ballots_verify(process=voted).verdict
    assert not verdict.ok and verdict.first_bad_position == 3 and verdict.checked == 2


def test_a_changed_time_or_channel_is_found(voted):
    Ballot.objects.filter(process=voted, position=4).update(channel="paper")
    assert ballots_verify(process=voted).verdict.first_bad_position == 4


def test_a_deleted_ballot_is_found(voted):
    Ballot.objects.filter(process=voted, position=2).delete()
    verdict = ballots_verify(process=voted).verdict
    assert not verdict.ok and verdict.first_bad_position == 2


def test_the_last_ballot_deleted_and_rehashed_positions_are_found(voted):
    """Deleting position 2 and moving the rest down keeps positions dense; the hashes break."""
    Ballot.objects.filter(process=voted, position=2).delete()
    for position in range(3, 7):
        Ballot.objects.filter(process=voted, position=position).update(position=position - 1)
    assert ballots_verify(process=voted).verdict.first_bad_position == 2


def test_reordered_ballots_are_found(voted):
    Ballot.objects.filter(process=voted, position=4).update(position=100)
    Ballot.objects.filter(process=voted, position=5).update(position=4)
    Ballot.objects.filter(process=voted, position=100).update(position=5)
    verdict = ballots_verify(process=voted).verdict
    assert not verdict.ok and verdict.first_bad_position == 4


def test_the_command_says_ok_or_where_it_breaks(voted):
    out = StringIO()
    call_command("verify_ballots", voted.slug, stdout=out)
    assert out.getvalue().startswith("OK: 6 entries, 5 current ballots")
    Ballot.objects.filter(process=voted, position=5).update(entry_hash="0" * 64)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("verify_ballots", voted.slug, stdout=out)
    assert "BROKEN at position 5" in out.getvalue()


def test_the_standalone_script_verifies_and_recounts_an_export(voted, projects, tmp_path):
    path = tmp_path / "ballots.jsonl"
    call_command("export_ballots", voted.slug, str(path), stdout=StringIO())
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    first = json.loads(lines[0])
    assert set(first) == {"position", "entry", "hash"}
    assert set(first["entry"]) == {
        "position",
        "receipt",
        "choice",
        "channel",
        "replaces",
        "cast_at",
    }

    done = subprocess.run(
        [sys.executable, "-I", str(SCRIPT), str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "OK: 6 entries, 5 current ballots",
        *(f"project {pid}: {n}" for pid, n in ballots_verify(process=voted).tally.points.items()),
    ]

    tampered = json.loads(lines[2])
    tampered["entry"]["choice"] = pick(projects[1])
    lines[2] = json.dumps(tampered)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-I", str(SCRIPT), str(path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert done.stdout.startswith("BROKEN at position 3")


def test_the_script_imports_nothing_of_django():
    source = SCRIPT.read_text()
    assert "django" not in source.replace("no Django", "").lower()
    assert "medborger" not in source.replace("medborger/domain", "")
