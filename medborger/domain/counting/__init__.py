"""Counting participatory-budgeting votes: greedy, Method of Equal Shares, sequential Phragmén.

Pure Python (numpy for speed), no Django. Amounts are exact (``int``/``Fraction``); every
comparison that decides an outcome is made exactly, so rounding never changes who wins.

Tie-breaking, the same in every rule and equal to pabutools' default (lexicographic): when two
projects are equally good, the one whose id is smaller as a string wins ("10" < "9").

pabutools is the oracle in the tests: the selected set equals its outcome for the same rule.
"""

from medborger.domain.counting.greedy import greedy
from medborger.domain.counting.mes import equal_shares
from medborger.domain.counting.model import (
    ApprovalProfile,
    CardinalProfile,
    CumulativeProfile,
    Instance,
    Number,
    Profile,
    Project,
)
from medborger.domain.counting.pabulib import (
    PabulibError,
    parse_pabulib,
    read_pabulib,
    write_pabulib,
)
from medborger.domain.counting.phragmen import phragmen
from medborger.domain.counting.rules import RULES, count

__all__ = [
    "RULES",
    "ApprovalProfile",
    "CardinalProfile",
    "CumulativeProfile",
    "Instance",
    "Number",
    "PabulibError",
    "Profile",
    "Project",
    "count",
    "equal_shares",
    "greedy",
    "parse_pabulib",
    "phragmen",
    "read_pabulib",
    "write_pabulib",
]
