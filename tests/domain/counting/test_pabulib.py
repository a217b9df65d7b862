from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from medborger.domain.counting import (
    ApprovalProfile,
    CumulativeProfile,
    Instance,
    PabulibError,
    Project,
    count,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)
from medborger.domain.counting.__main__ import main
from tests.domain.counting.test_rules import Oracle

ROOT = Path(__file__).resolve().parents[3]

GOOD = """META
key;value
description;Test
num_projects;3
num_votes;4
budget;10
vote_type;approval
PROJECTS
project_id;cost;name
1;6;Bench
2;5;Tree
3;4,5;Lamp
VOTES
voter_id;vote
1;1,2
2;1,2
3;1
4;2,3
"""


def test_parse_reads_instance_and_profile() -> None:
    instance, profile = parse_pabulib(GOOD)
    assert instance.budget == 10
    assert [(p.id, p.cost) for p in instance.projects] == [
        ("1", 6),
        ("2", 5),
        ("3", Fraction(9, 2)),
    ]
    assert isinstance(profile, ApprovalProfile)
    assert profile.ballots[3] == frozenset({"2", "3"})


def test_write_then_read_is_the_same() -> None:
    instance = Instance.build(12, [Project("a", 3), Project("b", Fraction(5, 2))])
    profile = ApprovalProfile.build([["a"], ["a", "b"], []])
    again_instance, again_profile = parse_pabulib(write_pabulib(instance, profile))
    assert again_instance.projects == instance.projects
    assert again_instance.budget == 12
    assert again_profile == profile

    cumulative = CumulativeProfile.build([{"a": 2, "b": 1}, {"b": 3}])
    _, back = parse_pabulib(write_pabulib(instance, cumulative))
    assert back == cumulative


def test_the_cli_file_agrees_with_pabutools(oracle: Oracle) -> None:
    instance, profile = parse_pabulib(GOOD)
    assert isinstance(profile, ApprovalProfile)
    for rule in ("greedy", "mes", "mes-add1", "phragmen"):
        assert set(count(rule, instance, profile)) == oracle(rule, instance, profile)


def test_pabutools_reads_what_we_write(tmp_path: Path) -> None:
    from pabutools.election import parse_pabulib as pab_parse

    instance, profile = parse_pabulib(GOOD)
    path = tmp_path / "x.pb"
    path.write_text(write_pabulib(instance, profile))
    pab_instance, pab_profile = pab_parse(str(path))
    assert pab_instance.budget_limit == 10
    assert len(pab_profile) == 4


@pytest.mark.parametrize(
    ("broken", "line", "reason"),
    [
        (GOOD.replace("2;5;Tree", "2;five;Tree"), 11, "cost 'five' is not a number"),
        (GOOD.replace("4;2,3", "4;2,7"), 18, "project '7', which is not in PROJECTS"),
        (GOOD.replace("3;4,5;Lamp", "3;4"), 12, "2 fields where the PROJECTS header has 3"),
        (GOOD.replace("2;5;Tree", "1;5;Tree"), 11, "project '1' occurs twice"),
        (GOOD.replace("budget;10\n", ""), 0, "META has no 'budget'"),
        (GOOD.replace("voter_id;vote", "voter_id;ballot"), 14, "no 'vote' column"),
        ("hello\n" + GOOD, 1, "data before the first section"),
    ],
)
def test_corrupt_file_names_line_and_reason(broken: str, line: int, reason: str) -> None:
    with pytest.raises(PabulibError) as info:
        parse_pabulib(broken)
    assert info.value.line == line
    assert reason in info.value.reason


def test_cli_prints_selected_ids_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "vote.pb"
    path.write_text(GOOD)
    instance, profile = read_pabulib(path)
    for rule in ("greedy", "mes", "mes-add1", "phragmen"):
        assert main([str(path), "--rule", rule]) == 0
        assert json.loads(capsys.readouterr().out) == count(rule, instance, profile)


def test_cli_as_module_and_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "vote.pb"
    path.write_text(GOOD)
    done = subprocess.run(
        [sys.executable, "-m", "medborger.domain.counting", str(path), "--rule", "mes-add1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    instance, profile = read_pabulib(path)
    assert json.loads(done.stdout) == count("mes-add1", instance, profile)
    path.write_text(GOOD.replace("2;5;Tree", "2;;Tree"))
    bad = subprocess.run(
        [sys.executable, "-m", "medborger.domain.counting", str(path), "--rule", "mes"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert bad.returncode == 2
    assert "line 11: cost '' is not a number" in bad.stderr
