"""Open data about citizen proposals for people and programs outside the platform: a CSV file for
spreadsheets and an Atom feed of new proposals and decisions. Only what the public pages show;
nothing about the author, co-proposers, supporters or the contact person.

The CSV is UTF-8 with a byte order mark and `;` between fields, which is what Danish and Swedish
Excel expect when a file is opened with a double click (their list separator is `;` because `,`
is the decimal comma). Dates are ISO 8601 in the municipality's time zone, with the offset.
"""

from __future__ import annotations

import csv
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from medborger.core.permissions import permission
from medborger.proposals import selectors
from medborger.proposals.models import Decision, Proposal, ProposalEvent
from medborger.proposals.texts import STATE_LABELS, event_title

CSV_COLUMNS = [
    "id",
    "title",
    "status",
    "area",
    "supports",
    "threshold",
    "published",
    "collection_ends",
    "referred_at",
    "answer_due",
    "decision",
    "url",
]
CSV_DELIMITER = ";"
# Kinds of timeline events the feed shows: a proposal is published, the committee decides.
FEED_KINDS = ("approve", "answer")
FEED_SIZE = 50
# A cell that starts with one of these is a formula to a spreadsheet (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _public_proposals(municipality: Any) -> QuerySet[Proposal]:
    """What an anonymous visitor sees: never drafts or proposals in review, whoever asks."""
    return selectors.proposals_visible_to(user=AnonymousUser(), municipality=municipality)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


@permission("proposals.view_list")
@require_safe
def proposals_csv(request: HttpRequest) -> HttpResponse:
    proposals = (
        _public_proposals(_municipality(request))
        .select_related("area")
        .order_by("-published_at", "-pk")
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="borgerforslag.csv"'
    response.write("\ufeff")  # the byte order mark: Excel then reads the file as UTF-8
    writer = csv.writer(response, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in proposals:
        writer.writerow(
            [
                _cell(value)
                for value in (
                    p.pk,
                    p.title,
                    p.state,
                    p.area.name if p.area else "",
                    p.support_count,
                    p.threshold,
                    p.published_at,
                    p.collection_ends,
                    p.referred_at,
                    p.answer_due,
                    p.decision,
                    request.build_absolute_uri(p.get_absolute_url()),
                )
            ]
        )
    return response


class ProposalEventsFeed(Feed):  # type: ignore[type-arg]
    """New proposals and the committees' decisions, newest first. Made anew for each request."""

    feed_type = Atom1Feed

    request: HttpRequest

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.request = request  # safe: proposals_feed makes one instance per request
        return _municipality(request)

    def title(self, obj: Any) -> str:
        return _("Citizen proposals in %(name)s: new proposals and decisions") % {"name": obj.name}

    def subtitle(self, obj: Any) -> str:
        return _("Proposals published for support and the committees' answers.")

    def link(self, obj: Any) -> str:
        return reverse("proposals:list")

    def feed_url(self, obj: Any) -> str:
        return reverse("proposals_opendata:feed")

    def items(self, obj: Any) -> list[ProposalEvent]:
        return list(
            ProposalEvent.objects.filter(
                public=True,
                kind__in=FEED_KINDS,
                proposal__in=_public_proposals(obj).values("pk"),
            )
            .select_related("proposal")
            .order_by("-at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item: ProposalEvent) -> str:
        return f"{event_title(item.kind)}: {item.proposal.title}"

    def item_description(self, item: ProposalEvent) -> str:
        proposal = item.proposal
        if item.kind == "answer" and proposal.decision:
            return f"{Decision(proposal.decision).label}. {proposal.answer_text}"
        return f"{STATE_LABELS.get(proposal.state, proposal.state)}. {proposal.summary}"

    def item_link(self, item: ProposalEvent) -> str:
        return item.proposal.get_absolute_url()

    def item_guid(self, item: ProposalEvent) -> str:
        # One proposal has several entries (published, answered), so the link is not unique;
        # Atom wants an absolute IRI as the entry's id.
        return self.request.build_absolute_uri(
            f"{item.proposal.get_absolute_url()}#event-{item.pk}"
        )

    item_guid_is_permalink = False

    def item_pubdate(self, item: ProposalEvent) -> datetime:
        return item.at

    def item_updateddate(self, item: ProposalEvent) -> datetime:
        return item.at


@permission("proposals.view_list")
@require_safe  # Django's Feed would answer any method; a feed is only read
def proposals_feed(request: HttpRequest) -> HttpResponse:
    return ProposalEventsFeed()(request)
