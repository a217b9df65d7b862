"""Read-side queries of hearings. Every query is limited to one municipality, and a page costs
the same number of queries however many responses it shows.

Visibility matches rules.py: published hearings are public; unpublished ones only for staff. A
response's text and the reply are public (in the report); its files are seen by its author and
the municipality's staff. A resident's name is shown only where they chose it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from medborger.accounts.predicates import is_staff_here
from medborger.core.selectors import OpenSection
from medborger.domain.lifecycle import hearings as lifecycle
from medborger.domain.lifecycle.hearings import ReportCounts, ResponseFacts, Stance
from medborger.hearings.models import (
    Hearing,
    HearingResponse,
    HearingSection,
    HearingTheme,
    SectionComment,
    StanceChoices,
)


def is_staff_in(user: Any, municipality: Any) -> bool:
    return bool(is_staff_here(user, municipality))


def hearings_visible_to(*, user: Any, municipality: Any) -> QuerySet[Hearing]:
    hearings = Hearing.objects.filter(municipality=municipality)
    if not is_staff_in(user, municipality):
        hearings = hearings.filter(is_published=True)
    return hearings.select_related("municipality", "area", "committee").annotate(
        response_count=Count("responses", distinct=True)
    )


def hearing_detail(*, user: Any, municipality: Any, pk: int) -> Hearing | None:
    return (
        hearings_visible_to(user=user, municipality=municipality)
        .prefetch_related(
            Prefetch("sections", queryset=HearingSection.objects.order_by("number")),
            "documents",
            Prefetch("themes", queryset=HearingTheme.objects.order_by("name")),
        )
        .filter(pk=pk)
        .first()
    )


def _full(responses: QuerySet[HearingResponse]) -> QuerySet[HearingResponse]:
    return responses.select_related(
        "organisation", "area", "author", "replied_by"
    ).prefetch_related(
        Prefetch(
            "section_comments",
            queryset=SectionComment.objects.select_related("section").order_by("section__number"),
        ),
        Prefetch("themes", queryset=HearingTheme.objects.order_by("name")),
        "attachments",
    )


def own_responses(*, user: Any, hearing: Hearing) -> list[HearingResponse]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(_full(HearingResponse.objects.filter(hearing=hearing, author=user)))


def own_response(
    *, user: Any, hearing: Hearing, organisation_id: int | None
) -> HearingResponse | None:
    for response in own_responses(user=user, hearing=hearing):
        if response.organisation_id == organisation_id:
            return response
    return None


def responses_of(*, hearing: Hearing) -> list[HearingResponse]:
    """Every response in the order it came in, numbered 1..n as the report numbers them."""
    responses = list(
        _full(HearingResponse.objects.filter(hearing=hearing)).order_by("submitted_at", "pk")
    )
    for number, response in enumerate(responses, start=1):
        response.number = number  # type: ignore[attr-defined]
    return responses


def response_for_staff(*, municipality: Any, pk: int) -> HearingResponse | None:
    return (
        _full(HearingResponse.objects.filter(municipality=municipality, pk=pk))
        .select_related("hearing", "hearing__municipality")
        .first()
    )


def response_files_target(*, municipality: Any, pk: int) -> HearingResponse | None:
    return (
        HearingResponse.objects.filter(municipality=municipality, pk=pk)
        .prefetch_related("attachments")
        .first()
    )


def author_label(response: HearingResponse) -> str:
    """Who wrote the response, as the report shows it: the organisation, the name (if the person
    chose to show it), or "A resident of <area>"."""
    if response.organisation is not None:
        return response.organisation.name
    if response.publish_name and response.author is not None and response.author.name:
        return response.author.name
    if response.area is not None:
        return _("A resident of %(area)s") % {"area": response.area.name}
    return _("A resident")


def stance_label(stance: str) -> str:
    return str(StanceChoices(stance).label) if stance in StanceChoices.values else stance


# --- the hearing report ---------------------------------------------------------------------------


@dataclass
class Entry:
    response: HearingResponse
    number: int
    author: str
    text: str
    stance: str
    themes: list[str]


@dataclass
class Group:
    key: str
    title: str
    count: int
    entries: list[Entry] = field(default_factory=list)


@dataclass
class CountRow:
    label: str
    count: int


@dataclass
class HearingReport:
    hearing: Hearing
    title: str
    responses: list[HearingResponse]
    counts: ReportCounts
    section_rows: list[CountRow]
    theme_rows: list[CountRow]
    stance_rows: list[CountRow]
    by_section: list[Group]
    by_theme: list[Group]
    replied: int
    last_change: datetime | None


def _entry(response: HearingResponse, text: str) -> Entry:
    return Entry(
        response=response,
        number=response.number,  # type: ignore[attr-defined]
        author=author_label(response),
        text=text,
        stance=stance_label(response.stance) if response.stance else "",
        themes=[t.name for t in response.themes.all()],
    )


def _whole_text(response: HearingResponse) -> str:
    parts = [response.comment] if response.comment else []
    parts += [
        f"{c.section.number}. {c.section.title}: {c.text}" for c in response.section_comments.all()
    ]
    return "\n\n".join(parts)


def hearing_report(*, hearing: Hearing) -> HearingReport:
    """The report, built from the responses as they are now: nothing is cached, so a reply
    written a minute ago is in it. A constant number of queries."""
    sections = list(hearing.sections.order_by("number"))
    themes = list(hearing.themes.order_by("name"))
    responses = responses_of(hearing=hearing)
    counts = lifecycle.report_counts(
        (
            ResponseFacts(
                key=r.pk,
                stance=r.stance,
                sections=frozenset(c.section.number for c in r.section_comments.all()),
                themes=frozenset(t.name for t in r.themes.all()),
            )
            for r in responses
        ),
        sections=[s.number for s in sections],
        themes=[t.name for t in themes],
    )
    general = Group(key="general", title=_("General comments"), count=0)
    per_section = {
        s.number: Group(key=f"section-{s.number}", title=f"{s.number}. {s.title}", count=0)
        for s in sections
    }
    per_theme = {t.name: Group(key=f"theme-{t.pk}", title=t.name, count=0) for t in themes}
    no_theme = Group(key="theme-none", title=_("Without a theme"), count=0)
    for response in responses:
        if response.comment:
            general.entries.append(_entry(response, response.comment))
        for comment in response.section_comments.all():
            per_section[comment.section.number].entries.append(_entry(response, comment.text))
        whole = _whole_text(response)
        names = [t.name for t in response.themes.all()]
        for name in names:
            per_theme[name].entries.append(_entry(response, whole))
        if not names:
            no_theme.entries.append(_entry(response, whole))
    general.count = len(general.entries)
    for number, group in per_section.items():
        group.count = counts.by_section[number]
    for name, group in per_theme.items():
        group.count = counts.by_theme[name]
    no_theme.count = counts.without_theme
    by_theme = list(per_theme.values()) + ([no_theme] if no_theme.entries else [])
    stance_order = [Stance.AGREE, Stance.MIXED, Stance.DISAGREE, Stance.NONE]
    last = [r.replied_at for r in responses if r.replied_at] + [
        r.amended_at or r.submitted_at for r in responses
    ]
    return HearingReport(
        hearing=hearing,
        title=hearing.report_title,
        responses=responses,
        counts=counts,
        section_rows=[CountRow(g.title, g.count) for g in per_section.values()],
        theme_rows=[CountRow(g.title, g.count) for g in by_theme],
        stance_rows=[
            CountRow(stance_label(s.value), counts.by_stance[s.value]) for s in stance_order
        ],
        by_section=[general, *per_section.values()],
        by_theme=by_theme,
        replied=sum(1 for r in responses if r.reply),
        last_change=max(last) if last else None,
    )


def staff_hearings(*, municipality: Any) -> QuerySet[Hearing]:
    return (
        Hearing.objects.filter(municipality=municipality)
        .select_related("municipality")
        .annotate(
            response_count=Count("responses", distinct=True),
            unanswered=Count("responses", filter=Q(responses__reply=""), distinct=True),
            last_response=Max("responses__submitted_at"),
        )
        .order_by("-closes_at", "-pk")
    )


def hearings_export(user: Any) -> dict[str, Any]:
    """The responses a person sent (with their files' names) and, for staff, the replies they
    wrote."""
    return {
        "responses": [
            {
                "hearing": r.hearing.title,
                "organisation": r.organisation.name if r.organisation else None,
                "submitted_at": r.submitted_at.isoformat(),
                "amended_at": r.amended_at.isoformat() if r.amended_at else None,
                "stance": r.stance,
                "publish_name": r.publish_name,
                "comment": r.comment,
                "sections": {c.section.title: c.text for c in r.section_comments.all()},
                "attachments": [a.name for a in r.attachments.all()],
                "reply": r.reply,
            }
            for r in _full(HearingResponse.objects.filter(author=user)).select_related("hearing")
        ],
        "replies_written_by_you": [
            {
                "hearing": r.hearing.title,
                "replied_at": r.replied_at.isoformat() if r.replied_at else None,
            }
            for r in HearingResponse.objects.filter(replied_by=user).select_related("hearing")
        ],
    }


@dataclass
class HearingCard:
    hearing: Hearing
    template_name: str = "hearings/partials/_card.html"


def open_hearings_section(*, municipality: Any) -> OpenSection:
    """The front page block: published hearings open for responses now, closing soonest first."""
    now = timezone.now()
    open_now = (
        Hearing.objects.filter(
            municipality=municipality, is_published=True, opens_at__lte=now, closes_at__gt=now
        )
        .select_related("area")
        .order_by("closes_at", "pk")[:3]
    )
    return OpenSection(
        title=_("Hearings open for responses"),
        items=[HearingCard(h) for h in open_now],
        more_url=reverse("hearings:list"),
        empty_text=_("No hearing is open right now."),
    )
