"""Reading participatory budgets, and what the platform holds about a person."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from medborger.accounts.models import Identity
from medborger.budgeting.models import BudgetProcess, PaperBallotSheet, VoterRegister
from medborger.budgeting.services import ballot_entries


def budgeting_export(user: Any) -> dict[str, Any]:
    """That a person voted, when and how — never what: the register holds no choice and the box
    holds no person. Staff also see the paper ballots they typed in or confirmed (no choices)."""
    identity = Identity.objects.filter(user=user).first()
    voted: list[dict[str, Any]] = []
    if identity is not None:
        who = Q(person_key=identity.person_key)
        if identity.match_key:
            who |= Q(match_key=identity.match_key)
        voted = [
            {
                "process": row.process.title,
                "channel": row.channel,
                "first_voted_at": row.first_voted_at.isoformat(),
                "last_changed_at": row.last_changed_at.isoformat(),
            }
            for row in VoterRegister.objects.filter(who).select_related("process")
        ]
    sheets = [
        {
            "process": sheet.process.title,
            "entered_by_you": sheet.entered_by_id == user.pk,
            "confirmed_by_you": sheet.confirmed_by_id == user.pk,
            "state": sheet.state,
            "entered_at": sheet.entered_at.isoformat(),
        }
        for sheet in PaperBallotSheet.objects.filter(
            Q(entered_by=user) | Q(confirmed_by=user)
        ).select_related("process")
    ]
    return {"voted": voted, "paper_ballots_handled": sheets}


def ballot_log_lines(process: BudgetProcess) -> Iterator[str]:
    """The ballot log as JSON lines (position, entry, hash), as scripts/verify_ballots.py reads."""
    for position, entry, stored in ballot_entries(process):
        yield json.dumps(
            {"position": position, "entry": entry, "hash": stored},
            sort_keys=True,
            ensure_ascii=False,
        )
