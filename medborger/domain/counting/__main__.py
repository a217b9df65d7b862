"""``python -m medborger.domain.counting FILE.pb --rule {greedy,mes,mes-add1,phragmen}``.

Prints the selected project ids as a JSON list (in the order the rule selected them). A file
that cannot be read exits with status 2 and the line and reason on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from medborger.domain.counting.pabulib import PabulibError, read_pabulib
from medborger.domain.counting.rules import RULES, count


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m medborger.domain.counting")
    parser.add_argument("file", help="a pabulib .pb file")
    parser.add_argument("--rule", required=True, choices=sorted(RULES))
    args = parser.parse_args(argv)
    try:
        instance, profile = read_pabulib(args.file)
    except PabulibError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{args.file}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        selected = count(args.rule, instance, profile)
    except ValueError as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(selected))
    return 0


if __name__ == "__main__":
    sys.exit(main())
