"""Read-side queries of citizen proposals. A list page costs the same number of queries however
many proposals it shows; every query is limited to one municipality."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext as _

from medborger.accounts.models import STAFF_ROLES
from medborger.accounts.predicates import roles_of
from medborger.core.selectors import OpenSection
from medborger.domain.lifecycle.proposals import PUBLIC, State
from medborger.proposals.models import (
    CoProposer,
    Proposal,
    ProposalEvent,
    ProposalRules,
    Question,
    Support,
)

PUBLIC_VALUES = [s.value for s in PUBLIC]

STATUS_GROUPS: dict[str, list[str]] = {
    "collecting": [State.COLLECTING.value],
    "committee": [State.THRESHOLD_REACHED.value, State.REFERRED.value],
    "answered": [State.ANSWERED.value, State.IMPLEMENTED.value, State.CLOSED.value],
    "ended": [State.EXPIRED.value, State.REJECTED_IN_REVIEW.value, State.WITHDRAWN.value],
}
SORTS = {
    "newest": ("-published_at", "-pk"),
    "most_supported": ("-support_count", "-published_at", "-pk"),
    "closing_soon": ("collection_ends", "-pk"),
}
SEARCH_CONFIG = {"da": "danish", "sv": "swedish", "en": "english"}
# The same expression as the GIN indexes made in migration 0002, so PostgreSQL uses them.
SEARCH_DOCUMENT = (
    "coalesce(\"proposals_proposal\".\"title\", '') || ' ' || "
    "coalesce(\"proposals_proposal\".\"summary\", '') || ' ' || "
    'coalesce("proposals_proposal"."body", \'\')'
)
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)


def is_staff_in(user: Any, municipality: Any) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(m == municipality.pk and r in STAFF_ROLES for m, r in roles_of(user))


def proposals_visible_to(*, user: Any, municipality: Any) -> QuerySet[Proposal]:
    """What a user may see: published stages for everyone; one's own drafts and those one
    co-proposes; everything for the municipality's staff."""
    proposals = Proposal.objects.filter(municipality=municipality)
    if is_staff_in(user, municipality):
        # A draft belongs to its author until it is submitted, also towards staff.
        return proposals.exclude(Q(state=State.DRAFT.value) & ~Q(author=user))
    # A withdrawn proposal stays visible if it had been published.
    visible = Q(state__in=PUBLIC_VALUES) | Q(
        state=State.WITHDRAWN.value, published_at__isnull=False
    )
    if getattr(user, "is_authenticated", False):
        # EXISTS rather than a join: no duplicate rows, so no DISTINCT over wide rows.
        visible |= Q(author=user) | Q(
            Exists(CoProposer.objects.filter(proposal=OuterRef("pk"), user=user))
        )
    return proposals.filter(visible)


def rules_of(municipality: Any) -> ProposalRules:
    rules, _created = ProposalRules.objects.get_or_create(municipality=municipality)
    return rules


def _search(
    queryset: QuerySet[Proposal], text: str, language: str, *, any_word: bool
) -> QuerySet[Proposal]:
    words = _WORD.findall(text)[:12]
    if not words:
        return queryset
    if connection.vendor == "postgresql":
        config = SEARCH_CONFIG.get(language, "simple")
        if any_word:
            query = " | ".join(words)
            sql = f"to_tsvector('{config}'::regconfig, {SEARCH_DOCUMENT}) @@ to_tsquery('{config}'::regconfig, %s)"
        else:
            query = text
            sql = (
                f"to_tsvector('{config}'::regconfig, {SEARCH_DOCUMENT}) "
                f"@@ websearch_to_tsquery('{config}'::regconfig, %s)"
            )
        return queryset.filter(RawSQL(sql, [query], output_field=BooleanField()))  # noqa: S611
    # SQLite: a plain match on each word (the demo's embedded default).
    combined = Q()
    for word in words:
        match = Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
        combined = (combined | match) if any_word else (combined & match)
    return queryset.filter(combined)


@dataclass
class ListFilters:
    status: str = "collecting"
    area: str = ""
    topic: str = ""
    sdg: int | None = None
    q: str = ""
    sort: str = "newest"


def proposal_list(
    *, user: Any, municipality: Any, filters: ListFilters, language: str
) -> QuerySet[Proposal]:
    proposals = proposals_visible_to(user=user, municipality=municipality).filter(
        # "all": every published stage; visibility above already limits withdrawn proposals to
        # those that had been published.
        state__in=STATUS_GROUPS.get(filters.status, [*PUBLIC_VALUES, State.WITHDRAWN.value])
    )
    if filters.area:
        # An area includes the areas inside it (two levels down is as deep as areas go here).
        proposals = proposals.filter(
            Q(area__slug=filters.area)
            | Q(area__parent__slug=filters.area)
            | Q(area__parent__parent__slug=filters.area)
        )
    if filters.topic:
        proposals = proposals.filter(topics__slug=filters.topic)
    if filters.sdg:
        proposals = proposals.filter(sdgs__number=filters.sdg)
    if filters.q:
        proposals = _search(proposals, filters.q, language, any_word=False)
    return (
        proposals.select_related("area")
        .prefetch_related("topics")
        .order_by(*SORTS.get(filters.sort, SORTS["newest"]))
    )


def similar_proposals(
    *, municipality: Any, text: str, language: str, exclude_pk: int | None
) -> list[Proposal]:
    """Published proposals that share words with a draft's title and summary."""
    candidates = Proposal.objects.filter(municipality=municipality, state__in=PUBLIC_VALUES)
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    return list(
        _search(candidates, text, language, any_word=True)
        .only("pk", "title", "state", "support_count", "municipality_id")
        .order_by("-published_at")[:5]
    )


def proposal_detail(*, user: Any, municipality: Any, pk: int) -> Proposal | None:
    return (
        proposals_visible_to(user=user, municipality=municipality)
        .select_related("area", "committee", "contact_person", "author", "municipality")
        .prefetch_related(
            "topics",
            "sdgs",
            "attachments",
            Prefetch(
                "events",
                queryset=ProposalEvent.objects.filter(public=True),
                to_attr="public_events",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def proposal_for_staff(*, municipality: Any, pk: int) -> Proposal | None:
    return (
        Proposal.objects.filter(municipality=municipality, pk=pk)
        .exclude(state=State.DRAFT.value)
        .select_related("area", "committee", "contact_person", "author", "municipality")
        .first()
    )


def named_supporters(proposal: Proposal, limit: int = 30) -> list[str]:
    """Names of supporters who chose to show them (GDPR art. 9: support reveals an opinion)."""
    return list(
        Support.objects.filter(proposal=proposal, show_name=True)
        .exclude(public_name="")
        .order_by("created_at")
        .values_list("public_name", flat=True)[:limit]
    )


def support_of(user: Any, proposal: Proposal) -> Support | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Support.objects.filter(proposal=proposal, user=user).first()


def is_proposer(user: Any, proposal: Proposal) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        proposal.author_id == user.pk
        or CoProposer.objects.filter(proposal=proposal, user=user).exists()
    )


def questions_for(proposal: Proposal) -> list[Question]:
    return list(proposal.questions.select_related("asked_by", "answered_by"))


def coproposers_of(proposal: Proposal) -> list[CoProposer]:
    return list(proposal.coproposers.select_related("user").order_by("joined_at"))


def _before(now: datetime, field: str) -> ExpressionWrapper:
    """True when the deadline in `field` has passed (false when there is none)."""
    return ExpressionWrapper(Q(**{f"{field}__lt": now}), output_field=BooleanField())


@dataclass
class StaffQueues:
    review: Sequence[Proposal]
    referred: Sequence[Proposal]
    questions: Sequence[Question]


def staff_queues(*, municipality: Any, now: datetime) -> StaffQueues:
    """The staff dashboard: overdue first, then by due date."""
    base = Proposal.objects.filter(municipality=municipality).select_related(
        "area", "committee", "contact_person"
    )
    review = list(
        base.filter(state=State.IN_REVIEW.value)
        .annotate(overdue=_before(now, "review_due"))
        .order_by("review_due", "pk")
    )
    referred = list(
        base.filter(state__in=[State.THRESHOLD_REACHED.value, State.REFERRED.value])
        .annotate(overdue=_before(now, "answer_due"))
        .order_by(F("answer_due").asc(nulls_first=True), "pk")
    )
    questions = list(
        Question.objects.filter(proposal__municipality=municipality, answered_at__isnull=True)
        .annotate(overdue=_before(now, "due_at"))
        .select_related("proposal", "asked_by")
        .order_by("due_at")
    )
    return StaffQueues(review=review, referred=referred, questions=questions)


@dataclass
class ProposalCard:
    proposal: Proposal
    template_name: str = "proposals/partials/_card.html"


def open_proposals_section(*, municipality: Any) -> OpenSection:
    closing = (
        Proposal.objects.filter(municipality=municipality, state=State.COLLECTING.value)
        .select_related("area")
        .order_by("collection_ends", "pk")[:3]
    )
    return OpenSection(
        title=_("Citizen proposals collecting support"),
        items=[ProposalCard(p) for p in closing],
        more_url=reverse("proposals:list"),
        empty_text=_("No proposals are collecting support right now. You can write one."),
    )


def proposals_export(user: Any) -> dict[str, Any]:
    return {
        "written": [
            {"title": p.title, "state": p.state, "created_at": p.created_at.isoformat()}
            for p in Proposal.objects.filter(author=user)
        ],
        "co_proposed": list(
            CoProposer.objects.filter(user=user).values_list("proposal__title", flat=True)
        ),
        "supported": [
            {
                "proposal": s.proposal.title,
                "at": s.created_at.isoformat(),
                "name_shown": s.show_name,
            }
            for s in Support.objects.filter(user=user).select_related("proposal")
        ],
        "questions": [
            {"proposal": q.proposal.title, "question": q.text, "answer": q.answer}
            for q in Question.objects.filter(asked_by=user).select_related("proposal")
        ],
    }


def supported_ids(user: Any, proposals: list[Proposal]) -> set[int]:
    if not getattr(user, "is_authenticated", False) or not proposals:
        return set()
    return set(
        Support.objects.filter(user=user, proposal__in=proposals).values_list(
            "proposal_id", flat=True
        )
    )
