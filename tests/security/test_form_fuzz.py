"""Fuzzing every public form (issue 7): hostile text into each field, and the promise that bad
input never gives a 500 and never loses what the user typed.

A public form is one a resident or an anonymous visitor can submit. `FORMS` below lists them all
by URL name, so a reviewer sees the coverage at a glance (`test_every_public_form_is_listed`
keeps the list honest against the URL map). For each form, Hypothesis fills the text fields with
random unicode, control characters, huge and empty values, SQL and HTML, and the other fields
(numbers, dates, choices, ids) with random strings too, then posts. Properties:

- never a 5xx, and a form shown again with errors is a 4xx;
- a 4xx (or 200) answer that shows the form again has every submitted text value in it,
  escaped, except password fields ("no lost input");
- a success (a redirect) stored each text value exactly as typed, after the documented
  normalisation: Django's CharField strips leading and trailing whitespace.

Each post runs in a savepoint that is rolled back, against the shared security world
(tests/security/conftest.py). The run is bounded and derandomized: 20 examples per form with
text fields, a third of that for forms of buttons, choices and numbers only;
`MEDBORGER_FUZZ_EXAMPLES=200` makes a longer run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import PASSWORD
from tests.security.conftest import World, rolled_back

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("MEDBORGER_FUZZ_EXAMPLES", "20"))
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

# --- hostile values -----------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\t\n  \r\n",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' OR '1'='1' --",
    "Robert'); DROP TABLE proposals_proposal;--",
    "%s %d %n {0} {{7*7}} ${7*7} {% debug %}",
    "\x00",
    "a\x00b",
    "\x1b[31mred\x1b[0m \x07 \x08 \x7f",
    "\u202egnp.exe",
    "Z\u0351\u0345\u0361a\u0362l\u0360g\u035co\u035f",
    "😀👩‍👩‍👧‍👦🇩🇰",
    "\ufeffBOM",
    "&amp; &lt; &#x27; &#0;",
    "æøå ÆØÅ äö ÄÖ",
    "x" * 5_000,
    "ø" * 30_000,
    "line one\r\nline two\rline three\n",
]
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=300),  # any unicode code point but surrogates, control characters included
    st.builds(lambda a, b: a + b, st.sampled_from(NASTY), st.text(max_size=50)),
)
# Numbers, dates, choices and ids get the same hostile strings plus plausible-looking ones.
OTHER = st.one_of(
    TEXT,
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["0", "-1", "1e9", "NaN", "Infinity", "2025-02-30", "31.12.2025", "25:61"]),
)


# --- the forms ----------------------------------------------------------------------------------

Build = Callable[[World, dict[str, Any]], Any]


def _as_typed(value: str) -> str:
    return value


@dataclass(frozen=True)
class Form:
    """One public form.

    url:     (world, extras) -> the form's URL
    data:    (world, extras) -> a valid submission (used as the base the fuzzed fields replace)
    text:    text fields: echoed on a refusal, stored exactly on success
    other:   other fields, fuzzed for "no 5xx" only
    stored:  (world, extras, submitted) -> {field: stored value} after a success
    secret:  text fields never shown again (passwords)
    same:    fields that must carry the same value as another (password2 = password1)
    echo:    the documented normalisation of what is shown again (default: as typed)
    """

    name: str
    role: str
    url: Build
    data: Build
    text: tuple[str, ...] = ()
    other: tuple[str, ...] = ()
    method: str = "post"
    stored: Callable[[World, dict[str, Any], dict[str, Any]], dict[str, Any]] | None = None
    secret: tuple[str, ...] = ()
    same: dict[str, str] = field(default_factory=dict)
    echo: Callable[[str], str] = _as_typed
    htmx: bool = False
    ok: int | None = None  # the status the valid submission gets, when not the usual one


def _u(name: str, *args: Any) -> Build:
    return lambda w, x: reverse(name, args=[a(w, x) if callable(a) else a for a in args])


def _t(name: str) -> Callable[[World, dict[str, Any]], int]:
    """The primary key of a thing in the world (or in this module's extras)."""
    return lambda w, x: (x[name] if name in x else w[name]).pk


def _const(data: dict[str, Any]) -> Build:
    return lambda w, x: dict(data)


def _latest(model_path: str, **filters: Callable[[World, dict[str, Any]], Any]) -> Callable:
    module, _, name = model_path.rpartition(".")

    def get(w: World, x: dict[str, Any]) -> Any:
        import importlib

        model = getattr(importlib.import_module(module), name)
        return model.objects.filter(**{k: v(w, x) for k, v in filters.items()}).latest("pk")

    return get


def _fields(getter: Callable, **names: str) -> Callable:
    """stored = the named attributes of the object `getter` finds."""

    def stored(w: World, x: dict[str, Any], submitted: dict[str, Any]) -> dict[str, Any]:
        obj = getter(w, x)
        obj.refresh_from_db()
        return {form_field: getattr(obj, attr) for form_field, attr in names.items()}

    return stored


def _user(role: str) -> Callable[[World, dict[str, Any]], Any]:
    return lambda w, x: w.users[role]


def _author(w: World, x: dict[str, Any]) -> Any:
    return w["author"]


def _today(w: World, x: dict[str, Any]) -> str:
    return timezone.localdate().isoformat()


FORMS: list[Form] = [
    # --- accounts (django-allauth with our sign-up form) ---------------------------------------
    Form(
        "account_signup",
        "anon",
        _u("account_signup"),
        _const(
            {
                "email": "ny.borger@example.org",
                "name": "Ny Borger",
                "password1": "a-long-unusual-passphrase-42",
                "password2": "a-long-unusual-passphrase-42",
            }
        ),
        text=("name", "password1"),
        other=("email",),
        secret=("password1", "password2"),
        same={"password2": "password1"},
        stored=lambda w, x, s: {"name": _signed_up(s["email"]).name},
    ),
    Form(
        "account_login",
        "anon",
        _u("account_login"),
        lambda w, x: {"login": w.users["res"].email, "password": PASSWORD},
        text=("login", "password"),
        secret=("password",),
    ),
    Form(
        "account_reset_password",
        "anon",
        _u("account_reset_password"),
        _const({"email": "nobody@example.org"}),
        text=("email",),
    ),
    Form(
        "accounts:profile",
        "res",
        _u("accounts:profile"),
        _const({"name": "Rikke R.", "preferred_language": "", "notification_frequency": "daily"}),
        text=("name",),
        other=("preferred_language", "notification_frequency"),
        stored=_fields(lambda w, x: w.users["res"], name="name"),
    ),
    # --- citizen proposals -------------------------------------------------------------------
    Form(
        "accounts:delete",
        "res",
        _u("accounts:delete"),
        _const({"confirm": "on"}),
        other=("confirm",),
    ),
    Form(
        "proposals:list",
        "anon",
        _u("proposals:list"),
        _const({"q": "bænke", "status": "collecting", "sort": "newest"}),
        text=("q",),
        other=("status", "area", "topic", "sdg", "sort", "side"),
        method="get",
    ),
    Form(
        "proposals:similar",
        "ver",
        _u("proposals:similar"),
        _const({"title": "Bænke", "summary": "ved søen", "exclude": ""}),
        other=("title", "summary", "exclude"),
        htmx=True,
    ),
    Form(
        "proposals:create",
        "ver",
        _u("proposals:create"),
        _const(
            {"title": "Lys på stien", "summary": "Lamper langs stien.", "body": "Det er mørkt."}
        ),
        text=("title", "summary", "body", "image_alt"),
        other=("area", "topics", "sdgs", "latitude", "longitude"),
        stored=_fields(
            _latest("medborger.proposals.models.Proposal", author=_user("ver")),
            title="title",
            summary="summary",
            body="body",
            image_alt="image_alt",
        ),
    ),
    Form(
        "proposals:edit",
        "ver",
        _u("proposals:edit", _t("draft")),
        _const({"title": "Mit udkast", "summary": "Kort.", "body": "Lang tekst."}),
        text=("title", "summary", "body", "image_alt"),
        other=("area", "topics", "sdgs", "latitude", "longitude"),
        stored=_fields(lambda w, x: w["draft"], title="title", summary="summary", body="body"),
    ),
    Form(
        "proposals:support",
        "ver",
        _u("proposals:support", _t("proposal")),
        _const({"show_name": "on"}),
        other=("show_name",),
    ),
    Form(
        "proposals:ask",
        "author",
        _u("proposals:ask", _t("proposal")),
        _const({"text": "Hvad koster det?"}),
        text=("text",),
        stored=_fields(
            _latest("medborger.proposals.models.Question", asked_by=_author), text="text"
        ),
    ),
    Form(
        "proposals:withdraw",
        "author",
        _u("proposals:withdraw", _t("proposal")),
        _const({"reason": "Vi har fået svar."}),
        text=("reason",),
        stored=lambda w, x, s: {"reason": _withdraw_reason(w)},
    ),
    Form(
        "proposals:coproposer_join",
        "ver",
        lambda w, x: reverse("proposals:coproposer_join", args=[x["submitted"].coproposer_token]),
        _const({}),
    ),
    # --- participatory budgets ---------------------------------------------------------------
    Form(
        "budgeting:idea_create",
        "ver",
        _u("budgeting:idea_create", _t("idea_process")),
        lambda w, x: {
            "title": "Shelter ved legepladsen",
            "description": "Et sted at stå i ly.",
            "pool": x["idea_pool"].pk,
            "estimated_cost": "40000",
            "location": "Engparken",
        },
        text=("title", "description", "location"),
        other=("pool", "estimated_cost", "area", "organisation"),
        stored=_fields(
            _latest("medborger.budgeting.models.BudgetProject", author=_user("ver")),
            title="title",
            description="description",
            location="location",
        ),
    ),
    Form(
        "budgeting:idea_reply",
        "ver",
        _u("budgeting:idea_reply", _t("reviewed_idea")),
        _const({"reply": "Tak for vurderingen."}),
        text=("reply",),
        stored=_fields(lambda w, x: x["reviewed_idea"], reply="author_reply"),
    ),
    Form(
        "budgeting:vote",
        "ver",
        _u("budgeting:vote", _t("process")),
        lambda w, x: {"project": [str(w["project"].pk)], "receipt": ""},
        text=("receipt",),
        other=("project",),
        echo=lambda value: value.strip()[:40],  # a receipt code is at most 40 characters
    ),
    Form(
        "budgeting:summary",
        "ver",
        _u("budgeting:summary", _t("process")),
        lambda w, x: {"project": [str(w["project"].pk)]},
        other=("project",),
        htmx=True,
    ),
    Form(
        "budgeting:lookup",
        "anon",
        _u("budgeting:lookup", _t("closed_process")),
        _const({"kode": "ABCD-EFGH"}),
        text=("kode",),
        method="get",
        ok=404,  # no ballot has that code
        echo=lambda value: value.strip()[:40],
    ),
    # --- fast-track pool ---------------------------------------------------------------------
    Form(
        "fasttrack:apply",
        "ver",
        _u("fasttrack:apply", _t("ft_pool")),
        lambda w, x: {
            "title": "Gadefest",
            "description": "Musik og kage på vejen.",
            "activity_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
            "place": "Skolevej",
            "amount": "3000",
            "group_name": "Vejlauget",
            "responsible_name": "Vagn",
            "responsible_phone": "12 34 56 78",
            "responsible_email": "",
        },
        text=("title", "description", "place", "group_name", "responsible_name"),
        other=("activity_date", "amount", "responsible_phone", "responsible_email"),
        stored=_fields(
            _latest("medborger.fasttrack.models.Application", applicant=_user("ver")),
            title="title",
            description="description",
            place="place",
            group_name="group_name",
            responsible_name="responsible_name",
        ),
    ),
    Form(
        "fasttrack:report",
        "ver",
        _u("fasttrack:report", _t("paid_application")),
        _const({"text": "Det gik godt.", "photo_description": ""}),
        text=("text", "photo_description"),
        stored=_fields(lambda w, x: x["paid_application"], text="report_text"),
    ),
    # --- premises ----------------------------------------------------------------------------
    Form(
        "premises:request_create",
        "ver",
        _u("premises:request_create", _t("premises")),
        lambda w, x: {
            "title": "Strikkeklub",
            "purpose": "Vi strikker.",
            "participants": "8",
            "day": (timezone.localdate() + timedelta(days=21)).isoformat(),
            "start_time": "18:00",
            "end_time": "20:00",
            "repeat_until": "",
            "requester_kind": "entrepreneur",
            "initiative_name": "Strikkeklubben",
            "responsible_name": "Vagn",
            "responsible_phone": "12 34 56 78",
            "responsible_email": "",
        },
        text=("title", "purpose", "initiative_name", "responsible_name"),
        other=(
            "participants",
            "day",
            "start_time",
            "end_time",
            "repeat_until",
            "requester_kind",
            "organisation",
            "responsible_phone",
            "responsible_email",
        ),
        stored=_fields(
            _latest("medborger.premises.models.BookingRequest", requester=_user("ver")),
            title="title",
            purpose="purpose",
            initiative_name="initiative_name",
            responsible_name="responsible_name",
        ),
    ),
    Form(
        "premises:cancel",
        "ver",
        _u("premises:cancel", _t("booking")),
        _const({}),
    ),
    Form(
        "premises:calendar",
        "anon",
        _u("premises:calendar"),
        _const({"uge": "2025-W24"}),
        other=("uge", "lokale"),
        method="get",
    ),
    # --- meetings ----------------------------------------------------------------------------
    Form(
        "meetings:list",
        "anon",
        _u("meetings:list"),
        _const({"omraade": "", "type": ""}),
        other=("omraade", "type"),
        method="get",
    ),
    Form(
        "meetings:register",
        "res",
        _u("meetings:register", _t("meeting")),
        _const({}),
        other=("waiting_list",),
    ),
    Form(
        "meetings:cancel",
        "author",
        _u("meetings:cancel", _t("meeting")),
        _const({}),
    ),
    Form(
        "meetings:slot_request",
        "res",
        _u("meetings:slot_request", _t("plenum")),
        _const({"title": "Om legepladsen", "summary": "Tre minutter om legepladsen."}),
        text=("title", "summary"),
        other=("proposal",),
        stored=_fields(
            _latest("medborger.meetings.models.SpeakingSlot", requester=_user("res")),
            title="title",
            summary="summary",
        ),
    ),
    # --- hearings ----------------------------------------------------------------------------
    Form(
        "hearings:respond",
        "res",
        _u("hearings:respond", _t("hearing")),
        lambda w, x: {
            "comment": "Pas på engen.",
            "stance": "mixed",
            x["section_field"]: "Højst tre etager.",
        },
        text=("comment", "section"),  # "section" is the hearing's section field, see _fill
        other=("stance", "organisation", "publish_name"),
        stored=lambda w, x, s: _hearing_response(w, x),
    ),
    # --- comments ----------------------------------------------------------------------------
    Form(
        "comments:create",
        "res",
        lambda w, x: reverse("comments:create", args=["proposals.proposal", w["proposal"].pk]),
        _const({"body": "Godt forslag."}),
        text=("body",),
        other=("parent",),
        stored=_fields(
            _latest("medborger.comments.models.Comment", author=_user("res")), body="body"
        ),
    ),
    Form(
        "comments:edit",
        "ver",
        _u("comments:edit", _t("comment")),
        _const({"body": "Rettet kommentar."}),
        text=("body",),
        stored=_fields(lambda w, x: w["comment"], body="body"),
    ),
    Form(
        "comments:report",
        "res",
        _u("comments:report", _t("comment")),
        _const({"reason": "spam", "text": "Reklame."}),
        text=("text",),
        other=("reason",),
        stored=_fields(
            _latest("medborger.comments.models.CommentReport", reporter=_user("res")),
            text="text",
        ),
    ),
    # --- volunteering ------------------------------------------------------------------------
    Form(
        "volunteering:signup",
        "res",
        _u("volunteering:signup", _t("future_session")),
        _const({}),
    ),
    Form(
        "volunteering:signup_cancel",
        "author",
        _u("volunteering:signup_cancel", _t("future_session")),
        _const({}),
    ),
    Form(
        "volunteering:own_hours",
        "author",
        _u("volunteering:own_hours", _t("session")),
        _const({"hours": "2", "note": "Samlede affald."}),
        text=("note",),
        other=("hours",),
        stored=_fields(
            _latest("medborger.volunteering.models.HoursEntry", volunteer=_author),
            note="note",
        ),
    ),
    # The team's contact person is a resident: the team's own forms are public forms too.
    Form(
        "volunteering:series_create",
        "ver",
        _u("volunteering:series_create", _t("team")),
        lambda w, x: {
            "title": "Strandrensning",
            "description": "Vi samler plastik.",
            "place": "Stranden",
            "frequency": "weekly",
            "start_date": (timezone.localdate() + timedelta(days=10)).isoformat(),
            "start_time": "10:00",
            "duration_minutes": "90",
            "count": "2",
            "end_date": "",
            "capacity": "",
        },
        text=("title", "description", "place"),
        other=("frequency", "start_date", "start_time", "duration_minutes", "count", "capacity"),
        stored=_fields(
            _latest("medborger.volunteering.models.ActivitySeries", team=lambda w, x: w["team"]),
            title="title",
            description="description",
            place="place",
        ),
    ),
    Form(
        "volunteering:session_change",
        "ver",
        _u("volunteering:session_change", _t("future_session")),
        _const({"place": "Havnekontoret", "capacity": ""}),
        text=("place",),
        other=("capacity",),
        stored=_fields(lambda w, x: x["future_session"], place="place"),
    ),
    Form(
        "volunteering:session_cancel",
        "ver",
        _u("volunteering:session_cancel", _t("future_session")),
        _const({"reason": "Storm."}),
        text=("reason",),
        stored=_fields(lambda w, x: x["future_session"], reason="cancel_reason"),
    ),
    # --- co-creation (group members are residents) ---------------------------------------------
    Form(
        "cocreation:meeting_add",
        "ver",
        _u("cocreation:meeting_add", _t("group")),
        lambda w, x: {"held_on": _today(w, x), "place": "Biblioteket", "notes": "Vi talte."},
        text=("place", "notes"),
        other=("held_on",),
        stored=_fields(
            _latest("medborger.cocreation.models.GroupMeeting", group=lambda w, x: w["group"]),
            place="place",
            notes="notes",
        ),
    ),
    Form(
        "cocreation:meeting_notes",
        "ver",
        _u("cocreation:meeting_notes", _t("group_meeting")),
        _const({"notes": "Referat."}),
        text=("notes",),
        stored=_fields(lambda w, x: w["group_meeting"], notes="notes"),
    ),
    Form(
        "cocreation:task_add",
        "ver",
        _u("cocreation:task_add", _t("group")),
        lambda w, x: {
            "title": "Skriv til avisen",
            "owner": w["task"].owner_id,
            "due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
        },
        text=("title",),
        other=("owner", "due_on"),
        stored=_fields(
            _latest("medborger.cocreation.models.Task", group=lambda w, x: w["group"]),
            title="title",
        ),
    ),
    Form(
        "cocreation:output_add",
        "ver",
        _u("cocreation:output_add", _t("group")),
        _const({"title": "Skitse", "text": "Vores skitse.", "attachment_title": ""}),
        text=("title", "text", "attachment_title"),
        stored=_fields(
            _latest("medborger.cocreation.models.Output", group=lambda w, x: w["group"]),
            title="title",
            text="text",
        ),
    ),
    Form(
        "cocreation:output_present",
        "ver",
        _u("cocreation:output_present", _t("output")),
        lambda w, x: {"meeting": "", "on": _today(w, x), "note": "Fremlagt på borgermødet."},
        text=("note",),
        other=("meeting", "on"),
    ),
    Form(
        "cocreation:output_send",
        "ver",
        _u("cocreation:output_send", _t("presented_output")),
        lambda w, x: {
            "committee": w["council"].pk,
            "requested_amount": "20000",
            "on": _today(w, x),
            "note": "Sendt til udvalget.",
        },
        text=("note",),
        other=("committee", "requested_amount", "on"),
    ),
    Form(
        "cocreation:task_status",
        "ver",
        _u("cocreation:task_status", _t("task")),
        _const({"status": "done"}),
        other=("status",),
    ),
    Form(
        "cocreation:chair_rotate",
        "ver",
        _u("cocreation:chair_rotate", _t("group")),
        lambda w, x: {"on": _today(w, x)},
        other=("on",),
    ),
    Form(
        "cocreation:chair_appoint",
        "ver",
        _u("cocreation:chair_appoint", _t("group")),
        lambda w, x: {"member": w["task"].owner_id, "on": _today(w, x)},
        other=("member", "on"),
    ),
    Form(
        "volunteering:hours",
        "ver",
        _u("volunteering:hours", _t("team")),
        lambda w, x: {
            "volunteer": w["author"].pk,
            "session": w["session"].pk,
            "hours": "1.5",
            "note": "Ryddede op.",
        },
        text=("note",),
        other=("volunteer", "session", "hours"),
        stored=_fields(
            _latest("medborger.volunteering.models.HoursEntry", volunteer=_author), note="note"
        ),
    ),
    # --- search and filter forms (GET) -------------------------------------------------------
    Form(
        "efforts:list",
        "anon",
        _u("efforts:list"),
        _const({}),
        other=("omraade", "maalgruppe"),
        method="get",
    ),
    Form(
        "volunteering:hours_decide",
        "ver",
        _u("volunteering:hours_decide", _t("hours")),
        _const({"decision": "approve"}),
        other=("decision",),
    ),
    Form(
        "meetings:calendar",
        "anon",
        _u("meetings:calendar"),
        _const({}),
        other=("omraade", "type"),
        method="get",
    ),
    Form(
        "notifications:list",
        "res",
        _u("notifications:list"),
        _const({}),
        other=("side",),
        method="get",
    ),
    Form(
        "goals:dashboard",
        "anon",
        _u("goals:dashboard"),
        _const({}),
        other=("committee", "area"),
        method="get",
    ),
    Form(
        "goals:compare",
        "anon",
        _u("goals:compare"),
        _const({}),
        other=("indicator", "omraade", "aar"),
        method="get",
    ),
    Form(
        "hearings:list",
        "anon",
        _u("hearings:list"),
        _const({}),
        other=("status", "side"),
        method="get",
    ),
    Form(
        "budgeting:list",
        "anon",
        _u("budgeting:list"),
        _const({}),
        other=("side",),
        method="get",
    ),
    # --- the rest: language, plain-language helper, follow ------------------------------------
    Form(
        "core:set_language",
        "anon",
        _u("core:set_language"),
        _const({"language": "en", "next": "/"}),
        other=("language", "next"),
    ),
    Form(
        "plainlanguage:lix",
        "ver",
        _u("plainlanguage:lix"),
        _const({"body": "Det er en kort tekst."}),
        other=("body", "language"),
        htmx=True,
    ),
    Form(
        "notifications:follow",
        "res",
        lambda w, x: reverse("notifications:follow", args=["proposals.proposal", w["proposal"].pk]),
        _const({"action": "follow"}),
        other=("action", "next"),
    ),
]


# --- helpers that read what was stored -----------------------------------------------------------


def _signed_up(email: str) -> Any:
    from medborger.accounts.models import User

    return User.objects.get(email__iexact=email.strip())


def _withdraw_reason(w: World) -> str:
    from medborger.proposals.models import ProposalEvent

    return ProposalEvent.objects.filter(proposal=w["proposal"], kind="withdraw").latest("pk").note


def _hearing_response(w: World, x: dict[str, Any]) -> dict[str, Any]:
    from medborger.hearings.models import HearingResponse

    response = HearingResponse.objects.filter(hearing=w["hearing"], author=w.users["res"]).get()
    section = response.section_comments.filter(section=x["section"]).first()
    return {"comment": response.comment, "section": section.text if section else ""}


# --- extra things this module needs beyond the shared world ------------------------------------


@pytest.fixture(scope="module")
def extras(world: World, django_db_blocker: Any) -> dict[str, Any]:
    """Things the shared world does not have: a budget open for ideas with a reviewed idea, a
    paid fast-track application, a proposal waiting for co-proposers, a session in the future,
    and the role `author` (the collecting proposal's author) as a signed-in client."""
    from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool
    from medborger.fasttrack import services as fasttrack
    from medborger.proposals import services as proposals

    now = timezone.now()
    with django_db_blocker.unblock():
        x: dict[str, Any] = {}
        users = world.users
        process = BudgetProcess.objects.create(
            municipality=world.a,
            title="Idéer til byen",
            slug="ideer",
            ballot_type="approval",
            counting_rule="greedy",
            ideas_open=now - timedelta(days=2),
            ideas_close=now + timedelta(days=20),
            voting_opens=now + timedelta(days=40),
            voting_closes=now + timedelta(days=60),
        )
        x["idea_process"] = process
        x["idea_pool"] = Pool.objects.create(process=process, name="Hele byen", amount=100_000)
        x["reviewed_idea"] = BudgetProject.objects.create(
            process=process,
            pool=x["idea_pool"],
            title="Bænk",
            cost=5_000,
            status="feasible",
            author=users["ver"],
            reviewed_at=now - timedelta(days=1),
        )
        application = world["application"]
        fasttrack.application_approve(
            application_id=application.pk, official=users["off"], amount=None, reason="", now=now
        )
        x["paid_application"] = fasttrack.payout_record(
            application_id=application.pk,
            official=users["off"],
            paid_on=timezone.localdate(),
            amount=5_000,
            now=now,
        )
        submitted = proposals.proposal_save_draft(
            author=world["author"],
            municipality=world.a,
            data=proposals.DraftData(
                title="Venter på medforslagsstillere",
                summary="Kort.",
                body="Tekst.",
                area=world["district"],
                topics=[],
                sdgs=[],
            ),
            now=now,
        )
        x["submitted"] = proposals.proposal_submit(
            proposal_id=submitted.pk, user=world["author"], now=now
        )
        session = world["session"]
        x["future_session"] = (
            type(session)
            .objects.filter(series=session.series, starts_at__gt=now)
            .order_by("starts_at")
            .first()
        )
        from medborger.cocreation import services as cocreation

        presented = cocreation.output_add(
            group=world["group"], actor=users["ver"], title="Plan B", text="Tekst.", now=now
        )
        x["presented_output"] = cocreation.output_present(
            output_id=presented.pk,
            actor=users["ver"],
            meeting=None,
            on=timezone.localdate(),
            note="Fremlagt på et møde i foreningen.",
            now=now,
        )
        x["section"] = world["hearing"].sections.first()
        # The author is registered for the meeting, and a volunteer of the team signed up for
        # the past and the next session, so they can cancel and log hours.
        from medborger.meetings import services as meetings
        from medborger.volunteering import services as volunteering
        from medborger.volunteering.models import Membership, SignUp

        author = world["author"]
        meetings.register(meeting_id=world["meeting"].pk, user=author, now=now)
        Membership.objects.create(team=world["team"], user=author, joined_at=now)
        volunteering.signup_add(session_id=x["future_session"].pk, user=author, now=now)
        past = world["session"]  # already held: sign up as the contact would have, by hand
        SignUp.objects.create(session=past, user=author, signed_up_at=now - timedelta(days=8))
        type(past).objects.filter(pk=past.pk).update(taken=F("taken") + 1)
        x["section_field"] = f"section_{x['section'].pk}"
    return x


# --- the property ----------------------------------------------------------------------------------

TAG = re.compile(r"<(input|textarea|select)\b[^>]*\bname=\"([^\"]+)\"", re.I)


def _client(world: World, role: str, form: Form) -> Any:
    headers = {"HTTP_HX_REQUEST": "true"} if form.htmx else {}
    if role == "author":
        from django.test import Client

        client = Client(HTTP_HOST=world.a.host_list()[0], **headers)
        client.cookies["medborger_language"] = "en"
        client.force_login(world["author"])
        return client
    return world.client(role, raise_request_exception=True, **headers)


def _fill(form: Form, extras: dict[str, Any], values: dict[str, str]) -> dict[str, str]:
    """Map the generic 'section' field of the hearing form to its real name."""
    if "section" in values and "section_field" in extras:
        values = dict(values)
        values[extras["section_field"]] = values.pop("section")
    return values


def _check(
    form: Form, world: World, extras: dict[str, Any], values: dict[str, str], response: Any
) -> None:
    status = response.status_code
    assert status < 500, f"{form.name}: {status} for {values!r}"
    body = response.content.decode("utf-8", "replace") if response.content else ""
    if 300 <= status < 400:
        if form.stored is None:
            return
        stored = form.stored(world, extras, values)
        for name, value in stored.items():
            typed = values.get(name)
            if typed is None:
                continue
            assert value == typed.strip(), (
                f"{form.name}: {name} stored as {value!r}, typed {typed!r}"
            )
        return
    if "html" not in response.get("Content-Type", ""):
        return
    # django-allauth's own views (account_*) answer a refused form with 200; ours say 400.
    ours = not form.name.startswith("account_")
    if ours and form.method == "post" and not form.htmx and 'class="form-error-message"' in body:
        assert 400 <= status < 500, f"{form.name}: a refused form answered {status}, not 4xx"
    shown = {m.group(2) for m in TAG.finditer(body)}
    for name in form.text:
        real = _fill(form, extras, {name: ""}).popitem()[0]
        if name in form.secret or real not in shown:
            continue
        expected = escape(form.echo(values[name]))
        assert _lines(expected) in _lines(body), (
            f"{form.name} ({status}): {name} not shown again as typed: {values[name]!r}"
        )


def _lines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_hostile_input_never_errors_and_is_never_lost(
    form: Form, world: World, extras: dict[str, Any]
) -> None:
    url = form.url(world, extras)
    base = form.data(world, extras)
    fuzzed = st.fixed_dictionaries(
        dict.fromkeys(form.text, TEXT) | dict.fromkeys(form.other, OTHER)
    )

    # Forms without text fields (buttons, choices, dates, numbers) get fewer examples.
    @settings(FUZZ_SETTINGS, max_examples=EXAMPLES if form.text else max(EXAMPLES // 3, 1))
    @given(values=fuzzed)
    def run(values: dict[str, str]) -> None:
        for target, source in form.same.items():
            values[target] = values[source]
        values = _fill(form, extras, values)
        cache.clear()  # allauth's rate limits live in the cache; the savepoint rolls back the rest
        with rolled_back():
            client = _client(world, form.role, form)
            data = {**base, **values}
            response = client.get(url, data) if form.method == "get" else client.post(url, data)
            _check(form, world, extras, {**data, **_unfill(form, extras, data)}, response)

    run()


def _unfill(form: Form, extras: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    if "section" in form.text:
        return {"section": data.get(extras["section_field"], "")}
    return {}


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.name)
def test_the_valid_submission_is_accepted(form: Form, world: World, extras: dict[str, Any]) -> None:
    """The base data of each form is accepted, so the fuzzing above reaches the success path
    (and the stored-as-typed check) whenever the fuzzed values are valid."""
    url = form.url(world, extras)
    data = form.data(world, extras)
    with rolled_back():
        response = _client(world, form.role, form)
        response = response.get(url, data) if form.method == "get" else response.post(url, data)
        expected = {form.ok} if form.ok else {200} if form.method == "get" or form.htmx else {302}
        assert response.status_code in expected, (
            form.name,
            response.status_code,
            response.content.decode()[:3000],
        )
        _check(form, world, extras, {**data, **_unfill(form, extras, data)}, response)


# Views that read request.POST or request.GET but are not public forms to fuzz here, and why.
NOT_FUZZED: dict[str, str] = {}
# Views under personale/ are staff pages; these staff-only views live elsewhere.
STAFF_ONLY = {
    "goals:import",
    "goals:measurement_new",
    "efforts:contributions",
    "cocreation:output_decide",
    "volunteering:ledger",
    "comments:hide",
    "comments:restore",
    "comments:dismiss",
    "comments:moderation_queue",
}


def _form_views() -> dict[str, str]:
    """URL name → route of every view of ours that reads request.POST or request.GET."""
    import inspect

    from django.urls import URLPattern, URLResolver, get_resolver

    found: dict[str, str] = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                space = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry, prefix + str(entry.pattern), space)
            elif isinstance(entry, URLPattern) and entry.name:
                view = inspect.unwrap(entry.callback)
                if not getattr(view, "__module__", "").startswith("medborger."):
                    continue
                try:
                    source = inspect.getsource(view)
                except (OSError, TypeError):
                    continue
                if "request.POST" in source or "request.GET" in source:
                    found[namespace + entry.name] = prefix + str(entry.pattern)

    walk(get_resolver(), "", "")
    return found


def test_every_public_form_is_listed() -> None:
    """Every view of ours that reads a form is fuzzed above, is a staff page (under
    personale/, or a staff-only app page), or is in NOT_FUZZED with the reason."""
    listed = {f.name for f in FORMS}
    assert len(listed) == len(FORMS), "a form is listed twice"
    views = _form_views()
    unknown = (listed | set(NOT_FUZZED) | STAFF_ONLY) - set(views) - _all_url_names()
    assert not unknown, f"names that are not in the URL map: {unknown}"
    missing = {
        name: route
        for name, route in views.items()
        if name not in listed | set(NOT_FUZZED) | STAFF_ONLY and "personale/" not in route
    }
    assert not missing, f"public forms that are not fuzzed: {missing}"


def _all_url_names() -> set[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                walk(entry, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(namespace + entry.name)

    walk(get_resolver(), "")
    return names


BY_NAME = {f.name: f for f in FORMS}


def test_the_check_catches_lost_input_and_5xx(world: World, extras: dict[str, Any]) -> None:
    """The oracle itself: a re-rendered form without the typed text, a 500, and a success that
    stored something else all fail."""
    from django.http import HttpResponse, HttpResponseRedirect

    ask = BY_NAME["proposals:ask"]
    emptied = HttpResponse('<form><textarea name="text"></textarea></form>', status=400)
    with pytest.raises(AssertionError, match="not shown again"):
        _check(ask, world, extras, {"text": "<b>typed</b>"}, emptied)
    kept = HttpResponse('<textarea name="text">&lt;b&gt;typed&lt;/b&gt;</textarea>', status=400)
    _check(ask, world, extras, {"text": "<b>typed</b>"}, kept)
    with pytest.raises(AssertionError, match="500"):
        _check(ask, world, extras, {"text": "x"}, HttpResponse(status=500))
    edit = BY_NAME["comments:edit"]
    with pytest.raises(AssertionError, match="stored as"):
        _check(edit, world, extras, {"body": "not what is stored"}, HttpResponseRedirect("/"))


def test_withdrawing_with_a_too_long_reason_keeps_the_text_and_the_proposal(
    world: World, extras: dict[str, Any]
) -> None:
    """Found by the fuzzing: the withdraw view ignored an invalid form, withdrew the proposal
    anyway and dropped the reason. Now the refusal keeps the text and withdraws nothing."""
    from medborger.proposals.models import Proposal

    form = BY_NAME["proposals:withdraw"]
    proposal = world["proposal"]
    reason = "Vi <trækker> det tilbage. " * 60  # over the 1000 characters allowed
    with rolled_back():
        response = _client(world, "author", form).post(form.url(world, extras), {"reason": reason})
        assert response.status_code == 400
        assert escape(reason) in response.content.decode()
        assert Proposal.objects.get(pk=proposal.pk).state == "collecting"
