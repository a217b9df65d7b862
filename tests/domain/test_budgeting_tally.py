"""The recount from the ballot log alone: replaced ballots drop out, points add up."""

from medborger.domain.budgeting.tally import current_choices, points_per_project


def entry(receipt: str, choice: dict[str, int], replaces: str = "") -> dict[str, object]:
    return {"receipt": receipt, "choice": choice, "replaces": replaces}


def test_a_replaced_ballot_no_longer_counts():
    log = [
        entry("A", {"1": 1}),
        entry("B", {"2": 1}),
        entry("C", {"3": 1}, replaces="A"),
        entry("D", {"2": 1, "3": 1}, replaces="C"),
    ]
    assert current_choices(log) == [{"2": 1}, {"2": 1, "3": 1}]
    assert points_per_project(current_choices(log)) == {"2": 2, "3": 1}


def test_points_add_up_and_zeroes_are_ignored():
    assert points_per_project([{"1": 3, "2": 0}, {"1": 2, "10": 5}]) == {"1": 5, "10": 5}
    assert points_per_project([]) == {}
