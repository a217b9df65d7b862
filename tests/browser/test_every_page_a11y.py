"""Every public page, in Danish, Swedish and English, at 320 px and 1280 px: no axe-core
violation (WCAG 2.0/2.1 A and AA), the right <html lang>, the real CSS, and no sideways scrolling
at 320 px (WCAG 1.4.10 reflow).

Which pages are public is not written down by hand: every URL pattern of the project is walked
(as tests/core/test_url_permissions.py does), filled in with objects of the demo municipality
(which has every state of every process), and fetched anonymously. A full HTML page with 200 is
public and is visited in the browser; anything else (a redirect to sign in, 403, 405) is not.
A pattern with arguments needs an entry in KWARGS (how to fill it from the demo) or in EXCLUDED
(why it is not a page), so a new URL pattern cannot slip past this sweep: the fast test
`test_every_url_pattern_is_swept_or_excluded` fails first, without a browser.

The demo is loaded once (one test function: pytest-django flushes the database after each test
that uses the live server). One Chromium, one tab per language (the language cookie), reused:
each page is loaded at one width, checked, resized to the other width and checked again; fresh
loads alternate between the two widths. axe-core is injected once per context (an init script)
and runs in one tab while the next page loads in another. The default run takes every public URL
name in all three languages at both widths, plus the other objects of a name (its other states:
every proposal state, budget phase, meeting kind …) in Danish at 320 px, where reflow problems
show. MEDBORGER_A11Y_EVERY_STATE=1 takes every object in every language at both widths.
MEDBORGER_SCREENSHOTS=/some/dir keeps a full-page screenshot of each check.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.browser.conftest import AXE_JS, AXE_TAGS, LANGUAGE_COOKIE, format_violations

LANGUAGES = ["da", "sv", "en"]
WIDTHS = [320, 1280]
HOST = "localhost"  # the demo municipality answers on localhost and 127.0.0.1
MISSING_PAGE = "/findes-ikke-her/"
EVERY_STATE = os.environ.get("MEDBORGER_A11Y_EVERY_STATE", "") not in ("", "0")

# --- what is not a page -----------------------------------------------------------------------

# Whole namespaces that are not the public site.
EXCLUDED_NAMESPACES = {
    "admin": "Django's admin: a staff tool with Django's own markup, not the public site",
    "api": "the open-data API (JSON) and django-ninja's Swagger UI for developers",
    "testapp": "tests/testapp: exists only in the test settings",
}

# URL names that answer with something other than an HTML page, each with the reason.
EXCLUDED = {
    "proposals_opendata:csv": "a CSV file (open data)",
    "proposals_opendata:feed": "an Atom feed (XML)",
    "budgeting:ballot_log": "the public ballot log, JSON Lines",
    "budgeting:pabulib": "a pabulib .pb file",
    "budgeting:summary": "an htmx fragment of the ballot page (checked there, in the flows)",
    "proposals:similar": "an htmx fragment of the proposal form",
    "plainlanguage:lix": "an htmx fragment: the LIX score beside a text field",
    "goals:indicator_csv": "a CSV file (open data)",
    "goals:compare_csv": "a CSV file (open data)",
    "premises:ics": "an iCalendar file",
    "meetings:calendar": "an iCalendar feed",
    "meetings:ics": "an iCalendar file",
    "hearings:document": "an uploaded file (the hearing's documents)",
    "hearings:report_pdf": "a PDF (the hearing report; the HTML version is swept)",
    "hearings:response_file": "an uploaded file attached to a response",
    "accounts:export": "the user's data as JSON",
    "mfa_download_recovery_codes": "a text file with recovery codes",
    "openid_connect_login": "needs an eID broker row; the demo signs in with the fake eID",
    "openid_connect_callback": "the eID broker's redirect back (OpenID Connect), not a page",
}

# Patterns whose objects are hidden from strangers with 404 (not a redirect to sign in), so that
# an anonymous visitor cannot even learn they exist.
NOT_FOUND_TO_STRANGERS = {
    "premises:request": "a booking request is seen by the requester and staff only",
    "premises:cancel": "a booking request is seen by the requester and staff only",
}

# Pages a visitor sees with a status other than 200.
STATUS = {
    "socialaccount_login_error": 401,  # after a failed eID sign-in: says so and offers to retry
}


# --- how to fill in the arguments from the demo -----------------------------------------------

Kwargs = dict[str, Any]


def _model(label: str) -> Any:
    return apps.get_model(label)


def first(label: str, key: str = "pk", **filters: Any) -> Callable[[], list[Kwargs]]:
    """The first object of the demo municipality's model (by pk)."""

    def make() -> list[Kwargs]:
        obj = _model(label).objects.filter(**filters).order_by("pk").first()
        return [{key: obj.pk}] if obj is not None else []

    return make


def each(label: str, *fields: str, key: str = "pk", **filters: Any) -> Callable[[], list[Kwargs]]:
    """One object for each distinct value of the fields: every state of a process."""

    def make() -> list[Kwargs]:
        seen: dict[tuple[Any, ...], int] = {}
        rows = _model(label).objects.filter(**filters).order_by("pk").values_list("pk", *fields)
        for pk, *values in rows:
            seen.setdefault(tuple(values), pk)
        return [{key: pk} for pk in seen.values()]

    return make


def child(label: str, parent: str, key: str, **filters: Any) -> Callable[[], list[Kwargs]]:
    """pk = the parent's pk, key = the child's pk (a spending entry of a project, …)."""

    def make() -> list[Kwargs]:
        obj = _model(label).objects.filter(**filters).order_by("pk").first()
        return [{"pk": getattr(obj, f"{parent}_id"), key: obj.pk}] if obj is not None else []

    return make


def _info_pages() -> list[Kwargs]:
    kinds = set(_model("places.InfoPage").objects.values_list("kind", flat=True))
    return [{"kind": kind} for kind in sorted(kinds)]


def _info_page_edit() -> list[Kwargs]:
    return [{"kind": "accessibility", "language": "da"}]


def _funded_projects() -> list[Kwargs]:
    """Implementation pages take the funded budget project; one per delivery status."""
    seen: dict[str, int] = {}
    for status, project in (
        _model("implementation.Delivery").objects.order_by("pk").values_list("status", "project")
    ):
        seen.setdefault(status, project)
    return [{"pk": pk} for pk in seen.values()]


def _contribution_targets() -> list[Kwargs]:
    funded = _model("budgeting.BudgetProject").objects.filter(status="funded").order_by("pk")
    proposal = _model("proposals.Proposal").objects.filter(state="answered").order_by("pk")
    return [{"kind": "projekt", "pk": funded[0].pk}, {"kind": "forslag", "pk": proposal[0].pk}]


def _contribution_remove() -> list[Kwargs]:
    link = _model("efforts.GoalContribution").objects.order_by("pk").first()
    if link is None:
        return []
    kind = "projekt" if link.content_type.model == "budgetproject" else "forslag"
    return [{"kind": kind, "pk": link.object_id, "item": link.pk}]


def _labelled(label: str, model: str, **filters: Any) -> Callable[[], list[Kwargs]]:
    def make() -> list[Kwargs]:
        obj = _model(model).objects.filter(**filters).order_by("pk").first()
        return [{"label": label, "object_id": obj.pk}]

    return make


def _coproposer_token() -> list[Kwargs]:
    proposal = (
        _model("proposals.Proposal")
        .objects.filter(state="awaiting_coproposers")
        .order_by("pk")
        .first()
    )
    return [{"token": proposal.coproposer_token}]


def _sessions() -> list[Kwargs]:
    """A past, a coming and a cancelled volunteer session."""
    from django.utils import timezone

    Session = _model("volunteering.Session")
    now = timezone.now()
    picks = [
        Session.objects.filter(starts_at__lt=now, cancelled=False).order_by("-starts_at").first(),
        Session.objects.filter(starts_at__gte=now, cancelled=False).order_by("starts_at").first(),
        Session.objects.filter(cancelled=True).first(),
    ]
    return [{"pk": s.pk} for s in picks if s is not None]


KWARGS: dict[str, Callable[[], list[Kwargs]]] = {
    # places
    "places:info_page": _info_pages,
    "places:info_page_edit": _info_page_edit,
    # proposals
    "proposals:detail": each("proposals.Proposal", "state"),
    "proposals:edit": first("proposals.Proposal", state="draft"),
    "proposals:submit": first("proposals.Proposal", state="draft"),
    "proposals:withdraw": first("proposals.Proposal", state="collecting"),
    "proposals:support": first("proposals.Proposal", state="collecting"),
    "proposals:support_withdraw": first("proposals.Proposal", state="collecting"),
    "proposals:ask": first("proposals.Proposal", state="collecting"),
    "proposals:coproposer_join": _coproposer_token,
    "proposals:staff_case": first("proposals.Proposal", state="in_review"),
    "proposals:staff_approve": first("proposals.Proposal", state="in_review"),
    "proposals:staff_reject": first("proposals.Proposal", state="in_review"),
    "proposals:staff_paper": first("proposals.Proposal", state="collecting"),
    "proposals:staff_referral": first("proposals.Proposal", state="referred"),
    "proposals:staff_answer": first("proposals.Proposal", state="referred"),
    "proposals:staff_finish": first("proposals.Proposal", state="answered"),
    "proposals:staff_question_answer": first("proposals.Question"),
    # budgeting
    "budgeting:detail": each("budgeting.BudgetProcess", "pk"),
    "budgeting:summary": each("budgeting.BudgetProcess", "pk"),
    "budgeting:vote": each("budgeting.BudgetProcess", "pk"),
    "budgeting:receipt": each("budgeting.BudgetProcess", "pk"),
    "budgeting:results": each("budgeting.BudgetProcess", "pk"),
    "budgeting:lookup": each("budgeting.BudgetProcess", "pk"),
    "budgeting:ideas": each("budgeting.BudgetProcess", "pk"),
    "budgeting:idea_create": each("budgeting.BudgetProcess", "pk"),
    "budgeting:idea": each("budgeting.BudgetProject", "status"),
    "budgeting:idea_reply": first("budgeting.BudgetProject", status="infeasible"),
    "budgeting:staff_review": first("budgeting.BudgetProcess"),
    "budgeting:staff_decide": first("budgeting.BudgetProject", status="submitted"),
    "budgeting:staff_merge": first("budgeting.BudgetProject", status="submitted"),
    "budgeting:staff_paper": first("budgeting.BudgetProcess"),
    "budgeting:staff_paper_confirm": first("budgeting.PaperBallotSheet"),
    # implementation (the pk is the funded budget project's)
    "implementation:detail": _funded_projects,
    "implementation:staff_project": _funded_projects,
    "implementation:staff_start": _funded_projects,
    "implementation:staff_status": _funded_projects,
    "implementation:staff_settings": _funded_projects,
    "implementation:staff_spend": _funded_projects,
    "implementation:staff_spend_remove": lambda: [
        {"pk": e.delivery.project_id, "entry_id": e.pk}
        for e in _model("implementation.SpendEntry").objects.order_by("pk")[:1]
    ],
    "implementation:staff_milestone": _funded_projects,
    "implementation:staff_milestone_mark": lambda: [
        {"pk": m.delivery.project_id, "milestone_id": m.pk}
        for m in _model("implementation.Milestone").objects.order_by("pk")[:1]
    ],
    "implementation:staff_update": _funded_projects,
    # fast-track pool
    "fasttrack:pool": first("fasttrack.FastTrackPool"),
    "fasttrack:apply": first("fasttrack.FastTrackPool"),
    "fasttrack:detail": each("fasttrack.Application", "state"),
    "fasttrack:report": first("fasttrack.Application", state="paid"),
    "fasttrack:staff_case": first("fasttrack.Application", state="submitted"),
    "fasttrack:staff_approve": first("fasttrack.Application", state="submitted"),
    "fasttrack:staff_reject": first("fasttrack.Application", state="submitted"),
    "fasttrack:staff_payout": first("fasttrack.Application", state="approved"),
    # co-creation
    "cocreation:group": each("cocreation.CoCreationGroup", "status"),
    "cocreation:meeting_add": first("cocreation.CoCreationGroup"),
    "cocreation:meeting_notes": first("cocreation.GroupMeeting"),
    "cocreation:task_add": first("cocreation.CoCreationGroup"),
    "cocreation:task_status": first("cocreation.Task"),
    "cocreation:chair": first("cocreation.CoCreationGroup"),
    "cocreation:chair_rotate": first("cocreation.CoCreationGroup"),
    "cocreation:chair_appoint": first("cocreation.CoCreationGroup"),
    "cocreation:output_add": first("cocreation.CoCreationGroup"),
    "cocreation:output": each("cocreation.Output", "state"),
    "cocreation:output_present": first("cocreation.Output"),
    "cocreation:output_send": first("cocreation.Output"),
    "cocreation:output_decide": first("cocreation.Output"),
    # premises
    "premises:detail": each("premises.Premises", "pk"),
    "premises:request_create": first("premises.Premises"),
    "premises:request": each("premises.BookingRequest", "state"),
    "premises:cancel": first("premises.BookingRequest", state="requested"),
    "premises:staff_case": first("premises.BookingRequest", state="requested"),
    "premises:staff_approve": first("premises.BookingRequest", state="requested"),
    "premises:staff_reject": first("premises.BookingRequest", state="requested"),
    # goals
    "goals:goal": each("goals.Goal", "pk"),
    "goals:carbon": first("goals.CarbonBudget"),
    "goals:indicator_csv": first("goals.Indicator"),
    "goals:measurement_new": first("goals.Indicator"),
    # efforts
    "efforts:detail": each("efforts.Effort", "status"),
    "efforts:contributions": _contribution_targets,
    "efforts:contribution_remove": _contribution_remove,
    # volunteering
    "volunteering:programme": first("volunteering.Programme"),
    "volunteering:team": each("volunteering.Team", "pk"),
    "volunteering:series_create": first("volunteering.Team"),
    "volunteering:hours": first("volunteering.Team"),
    "volunteering:ledger": first("volunteering.Team"),
    "volunteering:session": _sessions,
    "volunteering:signup": _sessions,
    "volunteering:signup_cancel": _sessions,
    "volunteering:own_hours": _sessions,
    "volunteering:session_cancel": _sessions,
    "volunteering:session_change": _sessions,
    "volunteering:hours_decide": first("volunteering.HoursEntry", status="pending"),
    # hearings
    "hearings:detail": each("hearings.Hearing", "pk"),
    "hearings:respond": each("hearings.Hearing", "pk"),
    "hearings:report": each("hearings.Hearing", "pk"),
    "hearings:staff_hearing": first("hearings.Hearing"),
    "hearings:staff_theme": first("hearings.Hearing"),
    "hearings:staff_response": first("hearings.HearingResponse"),
    # meetings
    "meetings:meeting": each("meetings.Meeting", "status", "kind"),
    "meetings:register": first("meetings.Meeting", status="planned", kind="citizens"),
    "meetings:cancel": first("meetings.Meeting", status="planned", kind="citizens"),
    "meetings:slot_request": first("meetings.Meeting", kind="open_plenum"),
    "meetings:running_order": each("meetings.Meeting", "kind", kind="open_plenum"),
    "meetings:staff_meeting": first("meetings.Meeting"),
    "meetings:staff_attendance": first("meetings.Meeting", status="held"),
    "meetings:staff_minutes": first("meetings.Meeting", status="held"),
    "meetings:staff_cancel": first("meetings.Meeting", status="planned"),
    "meetings:staff_slots": first("meetings.Meeting", kind="open_plenum"),
    "meetings:staff_publish_order": first("meetings.Meeting", kind="open_plenum"),
    "meetings:staff_allocate": first("meetings.SpeakingSlot", key="slot_pk", state="requested"),
    "meetings:staff_decline": first("meetings.SpeakingSlot", key="slot_pk", state="requested"),
    # comments and follows
    "comments:create": _labelled("proposals.proposal", "proposals.Proposal", state="collecting"),
    "comments:edit": first("comments.Comment"),
    "comments:report": first("comments.Comment"),
    "comments:hide": first("comments.Comment"),
    "comments:restore": first("comments.Comment", is_hidden=True),
    "comments:dismiss": first("comments.Comment"),
    "notifications:open": first("notifications.Notification"),
    "notifications:follow": _labelled(
        "proposals.proposal", "proposals.Proposal", state="collecting"
    ),
    # django-allauth: links from emails; a wrong key shows a page that says so
    "account_confirm_email": lambda: [{"key": "not-a-real-key"}],
    "account_reset_password_from_key": lambda: [{"uidb36": "1", "key": "not-a-real-key"}],
}


# --- walking the URL patterns -----------------------------------------------------------------


@dataclass
class Route:
    name: str  # "namespace:name", or the route itself for unnamed patterns
    route: str
    arguments: list[str]

    @property
    def namespace(self) -> str:
        return self.name.split(":", 1)[0] if ":" in self.name else ""


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or ""
            full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            yield from _walk(entry, prefix + str(entry.pattern), full)
        elif isinstance(entry, URLPattern):
            route = prefix + str(entry.pattern)
            name = entry.name or route
            name = f"{namespace}:{name}" if namespace else name
            arguments = list(entry.pattern.regex.groupindex) + [
                a for a in re.findall(r"<(?:\w+:)?(\w+)>", prefix) if a
            ]
            yield Route(name=name, route=route, arguments=sorted(set(arguments)))


def routes() -> list[Route]:
    return list(_walk(get_resolver()))


def _excluded(route: Route) -> str | None:
    if route.namespace in EXCLUDED_NAMESPACES:
        return EXCLUDED_NAMESPACES[route.namespace]
    return EXCLUDED.get(route.name)


def unfilled(all_routes: list[Route]) -> list[str]:
    """Patterns with arguments the sweep cannot fill in and that are not excluded."""
    return [
        f"{r.name} ({r.route})"
        for r in all_routes
        if r.arguments and not _excluded(r) and r.name not in KWARGS
    ]


def test_every_url_pattern_is_swept_or_excluded() -> None:
    """A new URL pattern with arguments needs a way to fill them (KWARGS) or a reason (EXCLUDED);
    patterns without arguments are fetched as they are. Stale entries are errors too."""
    all_routes = routes()
    names = {r.name for r in all_routes}
    missing = unfilled(all_routes)
    listed = set(KWARGS) | set(EXCLUDED) | set(NOT_FOUND_TO_STRANGERS) | set(STATUS)
    stale = sorted(listed - names)
    assert len(all_routes) > 150, "the walk found too few URL patterns"
    assert not missing, (
        "URL patterns the accessibility sweep cannot fill in: add them to KWARGS in "
        "tests/browser/test_every_page_a11y.py (or to EXCLUDED with the reason):\n"
        + "\n".join(missing)
    )
    assert not stale, f"KWARGS/EXCLUDED name URL patterns that no longer exist: {stale}"


def test_the_check_would_catch_a_new_pattern() -> None:
    """A new page with an argument, say a proposal's print view, is reported until it is
    listed; one in an excluded namespace or list is not."""
    new = Route(name="proposals:print", route="forslag/<int:pk>/print/", arguments=["pk"])
    admin = Route(name="admin:x", route="admin/x/<path:id>/", arguments=["id"])
    pdf = Route(name="hearings:report_pdf", route="hoeringer/<int:pk>/notat.pdf", arguments=["pk"])
    assert unfilled([new, admin, pdf]) == ["proposals:print (forslag/<int:pk>/print/)"]
    route = next(r for r in routes() if r.name == "proposals:detail")
    assert route.arguments == ["pk"] and route.route == "forslag/<int:pk>/"


# --- which pages are public -------------------------------------------------------------------


@dataclass
class Sweep:
    pages: dict[str, list[str]] = field(default_factory=dict)  # URL name -> paths (200, HTML)
    private: dict[str, int] = field(default_factory=dict)  # URL name -> the status anonymous got
    problems: list[str] = field(default_factory=list)


def find_public_pages() -> Sweep:
    """Fetch every pattern anonymously (Django's test client, in Danish) and sort them."""
    client = Client(HTTP_HOST=HOST)
    client.cookies[LANGUAGE_COOKIE] = "da"
    sweep = Sweep()
    for route in routes():
        if _excluded(route):
            continue
        if route.arguments:
            filled = KWARGS[route.name]()
            if not filled:
                sweep.problems.append(f"{route.name}: the demo has nothing to fill it with")
                continue
            paths = [reverse(route.name, kwargs=kwargs) for kwargs in filled]
        elif route.name == route.route:  # unnamed
            paths = ["/" + route.route]
        else:
            paths = [reverse(route.name)]
        statuses = []
        for path in paths:
            response = client.get(path)
            statuses.append(response.status_code)
            if response.status_code != STATUS.get(route.name, 200):
                continue
            kind = response.get("Content-Type", "")
            body = response.content.decode(errors="replace")
            if not kind.startswith("text/html"):
                sweep.problems.append(
                    f"{route.name}: {path} is {kind}, not a page: add it to EXCLUDED with why"
                )
            elif "<html" not in body[:500]:
                sweep.problems.append(
                    f"{route.name}: {path} is an HTML fragment: add it to EXCLUDED with why"
                )
            else:
                sweep.pages.setdefault(route.name, []).append(path)
        if route.name not in sweep.pages:
            if (
                statuses
                and all(status == 404 for status in statuses)
                and route.name not in NOT_FOUND_TO_STRANGERS
            ):
                sweep.problems.append(
                    f"{route.name}: 404 for every object KWARGS gives ({paths}); fix its entry"
                )
            sweep.private[route.name] = statuses[0] if statuses else 0
    return sweep


# --- the browser part -------------------------------------------------------------------------

# One tab per language. A page is loaded at one width and checked, then the window is resized to
# the other width and checked again (CSS media queries and DKFDS's resize handlers apply as on a
# phone turned sideways); the next page is loaded at the width the last one ended on, so fresh
# loads alternate between 320 px and 1280 px. axe-core runs in one tab while the others load.
START_AXE = """(tags) => {
    window.__axeViolations = axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
    }).then(result => result.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        targets: v.nodes.map(n => n.target.join(" ")),
    })));
}"""

PAGE_FACTS = """() => {
    const root = getComputedStyle(document.documentElement).fontSize;
    const band = document.querySelector(".mb-header-top");
    const bg = band ? getComputedStyle(band).backgroundColor : "";
    return {
        lang: document.documentElement.lang,
        // DKFDS sets html { font-size: 62.5% } and medborger.css colours the header band
        css: root === "10px" && bg !== "" && bg !== "rgba(0, 0, 0, 0)",
        scrollWidth: document.documentElement.scrollWidth,
    };
}"""


@dataclass
class Visit:
    name: str
    path: str
    widths: list[int]  # loaded at the first, then resized to the others

    @property
    def expected(self) -> int:
        return 404 if self.path == MISSING_PAGE else STATUS.get(self.name, 200)


class Tab:
    """One browser tab for one language, working through its visits one step at a time: a step
    loads a page or resizes it, checks what is quick to check and starts axe-core; the next
    step collects axe's answer first."""

    def __init__(self, page: Any, language: str, visits: list[Visit]) -> None:
        self.page = page
        self.language = language
        self.width = 0
        self.steps: list[tuple[Visit, int, bool]] = []
        for visit in visits:
            widths = visit.widths
            if len(widths) > 1 and self.width in widths:  # load at the width we are at
                widths = [self.width] + [w for w in widths if w != self.width]
            self.steps.extend((visit, width, i == 0) for i, width in enumerate(widths))
            self.width = widths[-1]
        self.steps.reverse()
        self.width = 0
        self.running = ""
        self.checked = 0

    def where(self, visit: Visit, width: int) -> str:
        return f"{visit.path} [{self.language}, {width}px] ({visit.name})"

    def collect(self, failures: list[str]) -> None:
        if self.running:
            violations = self.page.evaluate("() => window.__axeViolations")
            if violations:
                failures.append(format_violations(self.running, violations))
            self.running = ""
            self.checked += 1

    def step(self, failures: list[str]) -> bool:
        if not self.steps:
            return False
        visit, width, load = self.steps.pop()
        where = self.where(visit, width)
        if width != self.width:
            self.page.set_viewport_size({"width": width, "height": 900})
            self.width = width
        if load:
            response = self.page.goto(visit.path)
            status = response.status if response is not None else None
            if status != visit.expected:
                failures.append(f"{where}: HTTP {status}, expected {visit.expected}")
                while self.steps and self.steps[-1][0] is visit:  # skip its other widths
                    self.steps.pop()
                return True
        facts = self.page.evaluate(PAGE_FACTS)
        if facts["lang"] != self.language:
            failures.append(f"{where}: <html lang={facts['lang']!r}>")
        if not facts["css"]:
            failures.append(f"{where}: the stylesheets did not load")
        if width == 320 and facts["scrollWidth"] > width + 1:
            failures.append(
                f"{where}: {facts['scrollWidth']}px wide, scrolls sideways (WCAG 1.4.10 reflow)"
            )
        shots = os.environ.get("MEDBORGER_SCREENSHOTS")
        if shots:
            name = re.sub(r"[^a-z0-9]+", "-", visit.path.lower()).strip("-") or "front"
            Path(shots).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(
                path=f"{shots}/every-{name}-{self.language}-{width}.png", full_page=True
            )
        self.page.evaluate(START_AXE, AXE_TAGS)
        self.running = where
        return True


def plan(sweep: Sweep, language: str) -> list[Visit]:
    """Every URL name at both widths; the other objects of a name (its other states) in Danish
    at 320 px, or at both widths in every language with MEDBORGER_A11Y_EVERY_STATE=1."""
    visits = []
    for name, paths in sweep.pages.items():
        visits.append(Visit(name, paths[0], list(WIDTHS)))
        for path in paths[1:]:
            if EVERY_STATE:
                visits.append(Visit(name, path, list(WIDTHS)))
            elif language == "da":
                visits.append(Visit(name, path, [320]))
    visits.append(Visit("core:page_not_found", MISSING_PAGE, list(WIDTHS)))
    return visits


@pytest.mark.browser
def test_every_public_page_in_every_language_and_width(transactional_db, new_context) -> None:
    from medborger.core.demo import load_all

    started = time.monotonic()
    load_all()
    loaded = time.monotonic()
    sweep = find_public_pages()
    assert not sweep.problems, "\n".join(sweep.problems)
    # The pages anyone reaches from the front page must be among them: a guard against a tenancy
    # or permission mistake that would make everything "not public" and this test empty.
    for name in (
        "core:front",
        "core:help",
        "places:info_page",
        "proposals:list",
        "proposals:detail",
        "budgeting:detail",
        "hearings:detail",
        "meetings:meeting",
        "account_login",
        "account_signup",
    ):
        assert name in sweep.pages, f"{name} is not public? anonymous got {sweep.private.get(name)}"
    statement = reverse("places:info_page", kwargs={"kind": "accessibility"})
    assert statement in sweep.pages["places:info_page"]
    found = time.monotonic()

    tabs = []
    for language in LANGUAGES:
        context = new_context(language, bypass_csp=True)
        context.add_init_script(path=str(AXE_JS))
        tabs.append(Tab(context.new_page(), language, plan(sweep, language)))
    expected_checks = sum(len(tab.steps) for tab in tabs)
    failures: list[str] = []
    busy = True
    while busy:
        busy = False
        for tab in tabs:
            tab.collect(failures)
            busy = tab.step(failures) or busy
    for tab in tabs:
        tab.collect(failures)
    finished = time.monotonic()
    print(
        f"\naccessibility sweep: {sum(len(p) for p in sweep.pages.values())} public pages under "
        f"{len(sweep.pages)} URL names ({len(sweep.private)} names not public); "
        f"{sum(tab.checked for tab in tabs)} axe runs; demo {loaded - started:.0f} s, "
        f"finding the public pages {found - loaded:.0f} s, browser {finished - found:.0f} s"
    )
    assert not failures, "\n\n".join(failures)
    assert sum(tab.checked for tab in tabs) == expected_checks


@pytest.mark.browser
def test_the_swedish_statement_template_as_published(transactional_db, new_context) -> None:
    """The demo is Danish, so the sweep sees the Danish statement; this is the Swedish one
    (Digg's structure), filled in and published, at both widths."""
    from medborger.places.models import InfoPage
    from medborger.places.statements import FIELDS, statement_template
    from tests.factories import MunicipalityFactory

    municipality = MunicipalityFactory(
        slug="redogorelse",
        name="Sundsvalls kommun",
        country="SE",
        hosts="localhost\n127.0.0.1\nmedborger.sundsvall.se",
        default_language="sv",
        languages=["sv", "en"],
        contact_email="kommunen@sundsvall.se",
        contact_phone="060-19 10 00",
    )
    values = {field: "1 mars 2026" for field in FIELDS if field.endswith("_date")}
    values.update(
        known_issues="Kartan över områden saknar en textversion.",
        own_evaluation="Vi testade med skärmläsaren NVDA i februari 2026.",
        answer_days="10",
    )
    statement = statement_template(municipality=municipality, language="sv", values=values)
    assert statement is not None
    InfoPage.objects.create(
        municipality=municipality,
        kind="accessibility",
        language="sv",
        title=statement[0],
        body=statement[1],
    )
    context = new_context("sv", bypass_csp=True)
    context.add_init_script(path=str(AXE_JS))
    tab = Tab(
        context.new_page(),
        "sv",
        [Visit("places:info_page", "/side/accessibility/", list(WIDTHS))],
    )
    failures: list[str] = []
    while tab.step(failures):
        tab.collect(failures)
    assert tab.checked == 2
    assert not failures, "\n\n".join(failures)
    headings = tab.page.locator("main h2").all_inner_texts()
    assert headings[:2] == ["Förenlighet med lagkraven", "Innehåll som inte är tillgängligt"]
    assert tab.page.get_by_role("link", name="anmäla det till Digg").count() == 1
