"""Participatory budget pages for residents: the list, a process with its ballot, a live summary
while choosing (htmx), casting or changing the vote, and the receipt.

The ballot works without JavaScript: a vote posts, then redirects to the receipt; a refusal
re-renders the page (status 400) with the ticks kept and the service's sentence. The current
receipt is kept in the session, so changing the vote replaces the earlier ballot."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from medborger.accounts.models import User
from medborger.budgeting import selectors, services
from medborger.budgeting.models import BudgetProcess, BudgetProject
from medborger.core.permissions import permission

SESSION_KEY = "budget_receipts"


def _municipality(request: HttpRequest) -> Any:
    municipality = getattr(request, "municipality", None)
    if municipality is None:
        raise Http404
    return municipality


def _process(request: HttpRequest, pk: int) -> BudgetProcess:
    """The process of this municipality; 404 for another municipality's process."""
    process = selectors.process_detail(municipality=_municipality(request), pk=pk)
    if process is None:
        raise Http404
    return process


def _process_to_vote(request: HttpRequest, pk: int) -> BudgetProcess:
    """The process alone: the vote service reads the ballot itself (before its lock)."""
    process = selectors.process_to_vote(municipality=_municipality(request), pk=pk)
    if process is None:
        raise Http404
    return process


def _session_receipt(request: HttpRequest, process: BudgetProcess) -> str:
    receipts = request.session.get(SESSION_KEY) or {}
    return str(receipts.get(str(process.pk), ""))


def _keep_receipt(request: HttpRequest, process: BudgetProcess, receipt: str) -> None:
    receipts = dict(request.session.get(SESSION_KEY) or {})
    receipts[str(process.pk)] = receipt
    request.session[SESSION_KEY] = receipts


def _raw_choice(
    request: HttpRequest, process: BudgetProcess, projects: list[BudgetProject] | None = None
) -> dict[str, str]:
    """Project id → what was ticked ("1") or typed (points) in the posted ballot. Only points
    need the projects (one field each); they are read when not given."""
    if request.method != "POST":
        return {}
    if process.ballot_type == BudgetProcess.BallotKind.CUMULATIVE:
        if projects is None:
            projects = selectors.ballot_projects(process)
        raw = {str(p.pk): request.POST.get(f"points-{p.pk}", "").strip()[:12] for p in projects}
        return {pid: value for pid, value in raw.items() if value}
    ticked = set(request.POST.getlist("project"))
    return {pid[:12]: "1" for pid in ticked}


def _ballot_context(
    request: HttpRequest, process: BudgetProcess, raw: dict[str, str] | None = None, **extra: Any
) -> dict[str, Any]:
    now = timezone.now()
    on_ballot = selectors.ballot_projects(process)
    pools = list(process.pools.all())
    voter = services.voter_of(request.user)  # read once for the pools, refusal and vote
    # A resident sees the pools they vote on; a visitor sees every pool.
    open_pools = services.pools_open_to(process, voter, pools)
    hidden_pools = [pool for pool in pools if pool.pk not in open_pools]
    projects = [p for p in on_ballot if p.pool_id in open_pools]
    if raw is None:
        raw = _raw_choice(request, process, projects)
    country = process.municipality.country
    is_open = process.voting_opens <= now < process.voting_closes
    user = request.user
    refusal = ""
    if is_open and user.is_authenticated:
        refusal = (
            services.eligibility_refusal(user=user, process=process, today=now.date(), voter=voter)
            or ""
        )
    context = {
        "process": process,
        "pools": [
            {"pool": pool, "amount": services.kroner(pool.amount, country)}
            for pool in process.pools.all()
        ],
        "rows": [
            {
                "project": p,
                "cost": services.kroner(p.cost, country),
                "value": raw.get(str(p.pk), ""),
            }
            for p in projects
        ],
        "is_open": is_open,
        "phase": process.phase(now),
        "hidden_pools": hidden_pools,
        "is_closed": now >= process.voting_closes,
        "not_yet_open": now < process.voting_opens,
        "is_cumulative": process.ballot_type == BudgetProcess.BallotKind.CUMULATIVE,
        "summary": selectors.ballot_summary(process, raw, (pools, on_ballot)),
        "has_voted": selectors.has_voted(user, process, voter),
        "session_receipt": _session_receipt(request, process),
        "refusal": refusal,
        "vote_error": "",
        "typed_receipt": "",
    }
    context.update(extra)
    return context


@permission("budgeting.view_list")
@require_GET
def process_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    processes = selectors.processes_for(municipality=_municipality(request), now=now)
    rows = [
        {
            "process": p,
            "is_open": p.voting_opens <= now < p.voting_closes,
            "not_yet_open": now < p.voting_opens,
            "is_closed": now >= p.voting_closes,
            "phase": p.phase(now),
            "total": services.kroner(
                sum(pool.amount for pool in p.pools.all()), p.municipality.country
            )
            if p.pools.all()
            else "",
        }
        for p in processes
    ]
    return render(request, "budgeting/list.html", {"rows": rows})


@permission("budgeting.view", obj=_process)
@require_GET
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process: BudgetProcess = request.permission_object  # type: ignore[attr-defined]
    return render(request, "budgeting/detail.html", _ballot_context(request, process))


@permission("budgeting.view", obj=_process)
@require_POST
def ballot_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: what is chosen so far and what is left, while the voter ticks or types."""
    process: BudgetProcess = request.permission_object  # type: ignore[attr-defined]
    raw = _raw_choice(request, process)
    return render(
        request,
        "budgeting/partials/_summary_live.html",
        {"summary": selectors.ballot_summary(process, raw)},
    )


@permission("budgeting.vote", obj=_process_to_vote)
@require_POST
def ballot_vote(request: HttpRequest, pk: int) -> HttpResponse:
    process: BudgetProcess = request.permission_object  # type: ignore[attr-defined]
    raw = _raw_choice(request, process)
    typed = request.POST.get("receipt", "").strip()[:40]
    replaces = typed or _session_receipt(request, process)
    try:
        # The receipt goes into the session in the ballot's transaction: a server that dies after
        # the commit cannot leave a counted ballot whose receipt the voter never gets (pressing
        # again then changes the vote and shows the new receipt). bench/crash.py tests this.
        with transaction.atomic():
            receipt = services.ballot_cast(
                process_id=process.pk,
                user=cast(User, request.user),
                choice=raw,
                now=timezone.now(),
                replaces_receipt=replaces,
                municipality=process.municipality,
            )
            _keep_receipt(request, process, receipt)
            if request.session.session_key:  # a signed-in voter's session (always, in practice)
                try:
                    request.session.save()
                except UpdateError:  # signed out in another tab: the session row is gone
                    raise SessionInterrupted(
                        "The session was ended during the vote; the ballot is not counted."
                    ) from None
                request.session.modified = False  # saved; the middleware need not save it again
    except services.BudgetError as refusal:
        context = _ballot_context(
            request, process, raw, vote_error=str(refusal), typed_receipt=typed
        )
        template = (
            "budgeting/partials/_ballot.html"
            if getattr(request, "htmx", False)
            else "budgeting/detail.html"
        )
        return render(request, template, context, status=400)
    if getattr(request, "htmx", False):
        return render(
            request,
            "budgeting/partials/_receipt.html",
            {"process": process, "receipt": receipt, "just_voted": True},
        )
    return redirect("budgeting:receipt", pk=process.pk)


@permission("budgeting.vote", obj=_process)
@require_GET
def ballot_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    process: BudgetProcess = request.permission_object  # type: ignore[attr-defined]
    receipt = _session_receipt(request, process)
    if not receipt:
        return redirect("budgeting:detail", pk=process.pk)
    return render(
        request,
        "budgeting/receipt.html",
        {"process": process, "receipt": receipt, "just_voted": False},
    )


def _closed_process(request: HttpRequest, pk: int) -> BudgetProcess:
    """A process whose voting has closed, counted (once) if it was not yet; 404 before that."""
    process = _process(request, pk)
    now = timezone.now()
    if now < process.voting_closes:
        raise Http404
    if process.result is None:
        services.results_publish(process_id=process.pk, now=now)
        process.refresh_from_db(fields=["result", "counted_at"])
    return process


@permission("budgeting.view_list")
@require_GET
def process_results(request: HttpRequest, pk: int) -> HttpResponse:
    """The outcome once voting has closed; before that, when the results will come."""
    process = _process(request, pk)
    closed = timezone.now() >= process.voting_closes
    if closed:
        process = _closed_process(request, pk)
    return render(
        request,
        "budgeting/results.html",
        {
            "process": process,
            "closed": closed,
            "results": selectors.process_results(process) if closed else None,
            "pools": list(process.pools.all()),
        },
    )


@permission("budgeting.view_list")
@require_GET
def ballot_log(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The published ballot list: every ballot in the hash-chained log, one JSON line each, as
    scripts/verify_ballots.py reads it. Ballots carry receipt codes, never names."""
    process = _closed_process(request, pk)
    response = StreamingHttpResponse(
        (f"{line}\n" for line in selectors.ballot_log_lines(process)),
        content_type="application/x-ndjson; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{process.slug}-stemmesedler.jsonl"'
    return response


@permission("budgeting.view_list")
@require_GET
def pabulib_file(request: HttpRequest, pk: int, pool: int) -> HttpResponse:
    """One pool's ballots in pabulib's open .pb format, to recount with any tool."""
    process = _closed_process(request, pk)
    the_pool = process.pools.filter(pk=pool).first()
    if the_pool is None:
        raise Http404
    response = HttpResponse(
        services.pabulib_export(process, the_pool), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{process.slug}-pulje-{the_pool.pk}.pb"'
    )
    return response


@permission("budgeting.view_list")
@require_GET
def receipt_lookup(request: HttpRequest, pk: int) -> HttpResponse:
    """Find one's own ballot in the published list by its receipt code."""
    process = _closed_process(request, pk)
    code = request.GET.get("kode", "").strip()[:40]
    found = selectors.ballot_by_receipt(process, code) if code else None
    status = 404 if code and found is None else 200
    return render(
        request,
        "budgeting/lookup.html",
        {"process": process, "code": code, "found": found},
        status=status,
    )
