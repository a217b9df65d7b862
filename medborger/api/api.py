"""The open-data API (django-ninja), OpenAPI 3 at /api/v1/docs. Only public, non-personal data;
every endpoint reads through the request's municipality, so tenants never see each other."""

from datetime import datetime
from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from medborger.domain.lifecycle.proposals import progress
from medborger.proposals import selectors
from medborger.proposals.models import Decision
from medborger.proposals.sdgs import sdg_name
from medborger.proposals.texts import (
    ROLE_LABELS,
    STATE_HELP,
    STATE_LABELS,
    event_title,
)

MAX_ID = 2**63 - 1  # larger ids cannot exist; refuse them before they reach the database

api = NinjaAPI(
    title="Medborger API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    description="Open data from the municipality's participation platform. No personal data.",
)


class ErrorOut(Schema):
    detail: str = Field(..., description="Why there is no answer, e.g. Not Found")


class ValidationErrorOut(Schema):
    detail: list[dict[str, Any]] = Field(
        ..., description="One entry per refused parameter: where (loc), why (msg) and its type"
    )


# Every operation answers 404 when the host name belongs to no municipality; the ones with
# parameters answer 422 when a parameter is refused. Declared so the schema tells the truth.
NOT_FOUND: dict[int, Any] = {404: ErrorOut}
REFUSED: dict[int, Any] = {404: ErrorOut, 422: ValidationErrorOut}


class MunicipalityOut(Schema):
    name: str
    slug: str
    country: str
    languages: list[str]


class AreaOut(Schema):
    slug: str
    name: str
    kind: str
    parent: str | None
    population_total: int
    population_10_plus: int
    population_15_plus: int
    population_18_plus: int


def _municipality(request: HttpRequest):  # type: ignore[no-untyped-def]
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


@api.get("/municipality", response={200: MunicipalityOut, **NOT_FOUND}, tags=["places"])
def municipality_detail(request: HttpRequest) -> MunicipalityOut:
    m = _municipality(request)
    return MunicipalityOut(name=m.name, slug=m.slug, country=m.country, languages=m.languages)


@api.get("/areas", response={200: list[AreaOut], **NOT_FOUND}, tags=["places"])
def area_list(request: HttpRequest) -> list[AreaOut]:
    from medborger.places.selectors import areas_of

    return [
        AreaOut(
            slug=a.slug,
            name=a.name,
            kind=a.kind,
            parent=a.parent.slug if a.parent else None,
            population_total=a.population_total,
            population_10_plus=a.population_10_plus,
            population_15_plus=a.population_15_plus,
            population_18_plus=a.population_18_plus,
        )
        for a in areas_of(municipality=_municipality(request))
    ]


# --- citizen proposals ----------------------------------------------------------------------
#
# Only what the proposal's public page shows, and less: no author, no co-proposers, no supporter
# names, no person keys, no contact person. Everything is read as an anonymous visitor would see
# it (selectors.proposals_visible_to with AnonymousUser), so drafts and proposals in review never
# appear, whoever asks.

SLUG_PATTERN = r"^[-a-zA-Z0-9_]*$"
# No control characters (a NUL byte would reach PostgreSQL's full-text search and fail there).
TEXT_PATTERN = r"^[^\x00-\x1f\x7f]*$"


class AreaRef(Schema):
    slug: str
    name: str


class TopicOut(Schema):
    slug: str
    name: str


class SdgOut(Schema):
    number: int = Field(..., description="UN Sustainable Development Goal, 1-17")
    name: str

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return sdg_name(obj.number)


class ProposalCounts(Schema):
    supports: int = Field(..., description="Supports counted so far (online and on paper)")
    threshold: int | None = Field(..., description="Supports needed for the committee to answer")
    progress: float = Field(..., description="Share of the threshold reached, 0 to 1")


class ProposalDates(Schema):
    published: datetime | None = Field(..., description="Published and open for support")
    collection_ends: datetime | None = Field(..., description="Last moment to support")
    threshold_reached: datetime | None
    referred: datetime | None = Field(..., description="Sent to the committee")
    committee_meeting: datetime | None
    answer_due: datetime | None = Field(..., description="The committee must answer by then")
    answered: datetime | None
    closed: datetime | None


class TimelineEventOut(Schema):
    kind: str = Field(..., description="Machine name of the step, e.g. approve, refer, answer")
    label: str = Field(..., description="The step in the request's language")
    at: datetime
    status_after: str
    actor_role: str = Field(..., description="The role that took the step; never a person")
    actor_role_label: str
    note: str

    @staticmethod
    def resolve_label(obj: Any) -> str:
        return event_title(obj.kind)

    @staticmethod
    def resolve_status_after(obj: Any) -> str:
        return str(obj.state_after)

    @staticmethod
    def resolve_actor_role_label(obj: Any) -> str:
        return str(ROLE_LABELS.get(obj.actor_role, obj.actor_role))


def _counts(proposal: Any) -> dict[str, Any]:
    needed = proposal.threshold
    return {
        "supports": proposal.support_count,
        "threshold": needed,
        "progress": float(progress(proposal.support_count, needed)) if needed else 0.0,
    }


def _dates(proposal: Any) -> dict[str, Any]:
    return {
        "published": proposal.published_at,
        "collection_ends": proposal.collection_ends,
        "threshold_reached": proposal.threshold_reached_at,
        "referred": proposal.referred_at,
        "committee_meeting": proposal.meeting_at,
        "answer_due": proposal.answer_due,
        "answered": proposal.answered_at,
        "closed": proposal.closed_at,
    }


class ProposalListItem(Schema):
    id: int
    url: str = Field(..., description="The proposal's page on the platform")
    title: str
    summary: str
    status: str = Field(..., description="Machine name of the status, e.g. collecting, referred")
    status_label: str = Field(..., description="The status in the request's language")
    area: AreaRef | None = Field(..., description="None for the whole municipality")
    topics: list[TopicOut]
    sdgs: list[SdgOut]
    counts: ProposalCounts
    dates: ProposalDates

    @staticmethod
    def resolve_url(obj: Any, context: Any) -> str:
        return str(context["request"].build_absolute_uri(obj.get_absolute_url()))

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return str(obj.state)

    @staticmethod
    def resolve_status_label(obj: Any) -> str:
        return str(STATE_LABELS.get(obj.state, obj.state))

    @staticmethod
    def resolve_counts(obj: Any) -> dict[str, Any]:
        return _counts(obj)

    @staticmethod
    def resolve_dates(obj: Any) -> dict[str, Any]:
        return _dates(obj)


class ProposalDetailOut(ProposalListItem):
    body: str
    status_help: str
    committee: str | None = Field(..., description="Name of the committee that answers")
    case_number: str = Field(..., description="The municipality's case number, if given")
    decision: str | None = Field(
        ..., description="adopted, partly_adopted, rejected or other; None before the answer"
    )
    decision_label: str | None
    answer_text: str = Field(..., description="The committee's answer in plain language")
    rejection_reason: str = Field(..., description="Why a proposal was rejected in review")
    timeline: list[TimelineEventOut] = Field(..., description="Public steps, oldest first")

    @staticmethod
    def resolve_status_help(obj: Any) -> str:
        return str(STATE_HELP.get(obj.state, ""))

    @staticmethod
    def resolve_committee(obj: Any) -> str | None:
        return obj.committee.name if obj.committee_id else None

    @staticmethod
    def resolve_decision(obj: Any) -> str | None:
        return str(obj.decision) if obj.decision else None

    @staticmethod
    def resolve_decision_label(obj: Any) -> str | None:
        return str(Decision(obj.decision).label) if obj.decision else None

    @staticmethod
    def resolve_timeline(obj: Any) -> list[Any]:
        return list(obj.public_events)


class ProposalFilters(Schema):
    status: Literal["all", "collecting", "committee", "answered", "ended"] = Field(
        "all",
        description="collecting: open for support; committee: enough support or sent to the "
        "committee; answered: answered, carried out or closed; ended: expired, rejected in "
        "review or withdrawn; all: every published proposal",
    )
    area: str = Field(
        "",
        max_length=80,
        pattern=SLUG_PATTERN,
        description="Area slug (see /areas); includes the areas inside it",
    )
    topic: str = Field("", max_length=80, pattern=SLUG_PATTERN, description="Topic slug")
    sdg: int | None = Field(None, ge=1, le=17, description="UN Sustainable Development Goal")
    q: str = Field("", max_length=200, pattern=TEXT_PATTERN, description="Words to search for")
    sort: Literal["newest", "most_supported", "closing_soon"] = "newest"


class BoundedLimitOffset(LimitOffsetPagination):
    """Ninja's limit/offset paging with an upper bound on offset, so a huge number is a 422,
    not a database error."""

    class Input(LimitOffsetPagination.Input):
        offset: int = Field(0, ge=0, le=10_000_000)


@api.get("/proposals", response={200: list[ProposalListItem], **REFUSED}, tags=["proposals"])
@paginate(BoundedLimitOffset, max_limit=100)
def proposal_list(request: HttpRequest, filters: Query[ProposalFilters]) -> Any:
    """Published citizen proposals of this municipality, newest first by default.
    `limit` is at most 100 (larger values are cut to 100)."""
    return selectors.proposal_list(
        user=AnonymousUser(),
        municipality=_municipality(request),
        filters=selectors.ListFilters(
            status=filters.status,
            area=filters.area,
            topic=filters.topic,
            sdg=filters.sdg,
            q=filters.q,
            sort=filters.sort,
        ),
        language=_municipality(request).default_language,
    ).prefetch_related("sdgs")


@api.get("/proposals/{id}", response={200: ProposalDetailOut, **REFUSED}, tags=["proposals"])
def proposal_detail(request: HttpRequest, id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
    """One published proposal with its public timeline. 404 for drafts, proposals in review and
    proposals of other municipalities."""
    proposal = selectors.proposal_detail(
        user=AnonymousUser(), municipality=_municipality(request), pk=id
    )
    if proposal is None:
        raise Http404
    return proposal
