"""Stored and reflected XSS (issue 7): a corpus of payloads goes into every text field that is
shown publicly (or to staff), through the services the forms call, and Chromium renders every
page that shows them, as a visitor, as the resident who wrote them and as a municipal admin.

On every page:
- no payload ran: no dialog opened and `window.__xss` (which every payload sets) is undefined;
- the browser reported no Content-Security-Policy violation (a `securitypolicyviolation` event
  caught by an init script, or a console message about the policy): the CSP is a second wall,
  and a violation means something hostile got into the page past the escaping;
- the DOM has no event-handler attribute, no javascript:/vbscript:/data: link, no script or
  style element without the page's nonce, and no iframe, object, embed, base or meta refresh;
- no template was evaluated (`⟪{{7*7}}⟫` never turns into `⟪49⟫`);
- the response carries the strict CSP header.

Each text field gets its own marker (xssNNN); the test fails if a marker is never seen on any
page, so "every text field" cannot silently shrink. Pages are found by crawling same-site links
from the front page and the objects' own pages (files, the admin and the API are left out).

`test_csp_header_is_strict` checks the header itself without a browser.
"""

from __future__ import annotations

import os
import re
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.browser import conftest as browser_fixtures
from tests.factories import AreaFactory, CommitteeFactory, MunicipalityFactory, UserFactory, grant
from tests.factories import verify as verify_identity

# Chromium and its contexts (tests/browser/conftest.py), as fixtures of this module.
browser = browser_fixtures.browser
new_context = browser_fixtures.new_context

# --- the corpus ---------------------------------------------------------------------------------

# For short fields (titles, names, places): breaks out of attributes, tags, <title> and scripts.
SHORT = "\"'><svg/onload=__xss=1></title></script><script>__xss=1</script>⟪{{7*7}}⟫"

# For long fields (descriptions, bodies, comments; several are rendered as markdown by nh3).
LONG = [
    "<script>__xss=1</script>",
    "<img src=x onerror=__xss=1>",
    "<svg onload=__xss=1>",
    "<svg><script>__xss=1</script></svg>",
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    "<details open ontoggle=__xss=1>x</details>",
    '<a href="javascript:__xss=1">html link</a>',
    "[markdown link](javascript:__xss=1)",
    "[spaced link](  javascript:__xss=1 )",
    "[upper case](JaVaScRiPt:__xss=1)",
    "[entity](&#106;avascript:__xss=1)",
    "[tab](java\tscript:__xss=1)",
    "[data url](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3M9MTwvc2NyaXB0Pg==)",
    "[vbscript](vbscript:msgbox(1))",
    "<javascript:__xss=1>",
    '![image](x" onerror="__xss=1)',
    "![image two](javascript:__xss=1)",
    '[with title](https://example.org "x\\" onmouseover=__xss=1 \\"")',
    '<a href="https://example.org" onclick="__xss=1">click</a>',
    '<p style="background:url(javascript:__xss=1)">styled</p>',
    "<style>*{background:red}</style>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss=1>",
    '<noscript><p title="</noscript><img src=x onerror=__xss=1>">',
    '<form action="javascript:__xss=1"><button>go</button></form>',
    '<object data="javascript:__xss=1"></object>',
    '<base href="javascript:__xss=1//">',
    '<meta http-equiv="refresh" content="0;url=javascript:__xss=1">',
    "</textarea></title></script><script>__xss=1</script>",
    '" onfocus="__xss=1" autofocus x="',
    "' onfocus='__xss=1' autofocus x='",
    "⟪{{7*7}}⟫ ⟪${7*7}⟫ ⟪#{7*7}⟫ {% debug %}",
    "＜script＞__xss=1＜/script＞",
    "<scr<script>ipt>__xss=1</scr</script>ipt>",
    "[zero width](java\u200bscript:__xss=1) \u202egnp.exe",
    '<IMG SRC="jav&#x09;ascript:__xss=1">',
    "`<script>__xss=1</script>`\n\n```\n<script>__xss=1</script>\n```",
    "<table><tr><td onmouseover=__xss=1>cell</td></tr></table>",
    "| a | b |\n|---|---|\n| <img src=x onerror=__xss=1> | [x](javascript:__xss=1) |",
]
LONG_TEXT = "\n\n".join(LONG)


@dataclass
class Corpus:
    """Hands out one marker per field, so every field can be found again on a page."""

    fields: dict[str, str] = field(default_factory=dict)

    def _mark(self, where: str) -> str:
        marker = f"xss{len(self.fields) + 1:03d}"
        self.fields[marker] = where
        return marker

    def short(self, where: str, limit: int = 200) -> str:
        """The marker and SHORT, cut to the field's length (a cut payload is hostile too)."""
        return f"{self._mark(where)} {SHORT}"[:limit]

    def long(self, where: str, limit: int = 5000) -> str:
        """The marker and the whole corpus, cut to the field's length."""
        return f"{self._mark(where)}\n\n{LONG_TEXT}"[:limit]


# --- the world, written through the services ----------------------------------------------------


@dataclass
class XssWorld:
    corpus: Corpus
    seeds: dict[str, list[str]]
    sessions: dict[str, str]


def _session(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _png() -> Any:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), "image/png")


def build(c: Corpus) -> XssWorld:
    now = timezone.now()
    today = timezone.localdate(now)
    m = MunicipalityFactory(slug="xss", name="Xss Kommune", hosts="localhost\n127.0.0.1")
    area = AreaFactory(municipality=m, name=c.short("area.name"), slug="omraade")
    admin = grant(UserFactory(name=c.short("staff.name", 150)), "municipal_admin", m)
    grant(admin, "moderator", m, with_totp=False)  # the staff crawl reads the moderation queue
    officer = grant(UserFactory(name="Sagsbehandler"), "case_officer", m)
    secretary = grant(UserFactory(name="Sekretær"), "committee_secretary", m)
    moderator = grant(UserFactory(name="Moderator"), "moderator", m)

    def resident(where: str) -> Any:
        user = grant(UserFactory(name=c.short(where, 150)), "resident", m)
        return verify_identity(user, area=area)

    author = resident("user.name (author)")
    coproposer = resident("user.name (co-proposer)")
    supporter = resident("user.name (supporter who shows the name)")
    council = CommitteeFactory(
        municipality=m, name=c.short("committee.name"), is_council=True, secretary=secretary
    )
    seeds = ["/"]

    # --- places: info pages, written by staff -------------------------------------------------
    from medborger.places.models import Organisation
    from medborger.places.services import info_page_save

    for language in ("da", "en"):
        info_page_save(
            actor=admin,
            municipality=m,
            kind="contact",
            language=language,
            title=c.short(f"info_page.title ({language})"),
            body=c.long(f"info_page.body ({language})", 20_000),
        )
    seeds.append("/side/contact/")
    organisation = Organisation.objects.create(
        municipality=m,
        name=c.short("organisation.name"),
        kind=Organisation.Kind.ASSOCIATION,
        responsible_person=author,
    )

    # --- proposals ------------------------------------------------------------------------------
    from medborger.comments.services import comment_create, comment_hide, comment_report
    from medborger.proposals import services as proposals
    from medborger.proposals.models import Proposal, ProposalRules, Topic

    ProposalRules.objects.create(
        municipality=m,
        threshold_kind=ProposalRules.ThresholdKind.ABSOLUTE,
        threshold_absolute=50,
        min_age=15,
        co_proposers=1,
        default_committee=council,
    )
    topic = Topic.objects.create(municipality=m, name=c.short("topic.name", 80), slug="emne")

    def draft(title: str, summary: str, body: str) -> Any:
        return proposals.proposal_save_draft(
            author=author,
            municipality=m,
            data=proposals.DraftData(
                title=title, summary=summary, body=body, area=area, topics=[topic], sdgs=[]
            ),
            now=now,
        )

    public = draft(
        c.short("proposal.title", 120),
        c.short("proposal.summary", 500),
        c.long("proposal.body", 10_000),
    )
    proposals.proposal_submit(proposal_id=public.pk, user=author, now=now)
    public.refresh_from_db()
    proposals.coproposer_join(
        proposal_id=public.pk, user=coproposer, token=public.coproposer_token, now=now
    )
    proposals.proposal_review_approve(
        proposal_id=public.pk, reviewer=moderator, contact_person=officer, now=now
    )
    public.refresh_from_db()
    proposals.support_add(proposal_id=public.pk, user=supporter, show_name=True, now=now)
    question = proposals.question_ask(
        proposal_id=public.pk, user=author, text=c.long("question.text", 2000), now=now
    )
    proposals.question_answer(
        question_id=question.pk, staff=officer, answer=c.long("question.answer", 4000), now=now
    )
    seeds.append(public.get_absolute_url())
    rejected = draft(c.short("proposal.title (rejected)", 120), "Kort.", "Tekst.")
    proposals.proposal_submit(proposal_id=rejected.pk, user=author, now=now)
    rejected.refresh_from_db()
    proposals.coproposer_join(
        proposal_id=rejected.pk, user=coproposer, token=rejected.coproposer_token, now=now
    )
    proposals.proposal_review_reject(
        proposal_id=rejected.pk,
        reviewer=moderator,
        reason=c.long("proposal.rejection_reason", 2000),
        rule=c.short("proposal.rejection_rule", 200),
        now=now,
    )
    seeds.append(rejected.get_absolute_url())
    answered = Proposal.objects.create(
        municipality=m,
        title="Besvaret forslag",
        summary="Kort.",
        body="Tekst.",
        state="answered",
        published_at=now - timedelta(days=200),
        collection_ends=now - timedelta(days=20),
        referred_at=now - timedelta(days=50),
        answered_at=now - timedelta(days=2),
        committee=council,
        case_number=c.short("proposal.case_number", 60),
        decision="adopted",
        answer_text=c.long("proposal.answer_text", 20_000),
    )
    seeds.append(answered.get_absolute_url())
    own_draft = draft(
        c.short("proposal.title (draft)", 120),
        c.short("proposal.summary (draft)", 500),
        c.long("proposal.body (draft)", 10_000),
    )

    # Comments: one shown, one reported (the moderators read the report), one hidden with a
    # public reason in its place.
    shown = comment_create(author=author, target=public, body=c.long("comment.body", 5000))
    comment_create(
        author=supporter, target=public, body=c.long("comment.body (reply)", 5000), parent=shown
    )
    comment_report(
        reporter=supporter,
        comment=shown,
        reason="other",
        text=c.long("comment_report.text", 1000),
    )
    hidden = comment_create(author=supporter, target=public, body="Skjules.")
    comment_hide(moderator=moderator, comment=hidden, reason=c.short("comment.hidden_reason", 300))

    # --- participatory budgets ------------------------------------------------------------------
    from medborger.budgeting import ideas
    from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool

    idea_process = BudgetProcess.objects.create(
        municipality=m,
        title=c.short("budget_process.title"),
        slug="ideer",
        description=c.long("budget_process.description", 20_000),
        ballot_type="approval",
        counting_rule="greedy",
        ideas_open=now - timedelta(days=2),
        ideas_close=now + timedelta(days=20),
        voting_opens=now + timedelta(days=40),
        voting_closes=now + timedelta(days=60),
    )
    idea_pool = Pool.objects.create(process=idea_process, name=c.short("pool.name"), amount=1000)
    idea = ideas.idea_submit(
        process_id=idea_process.pk,
        user=author,
        title=c.short("budget_idea.title", 120),
        description=c.long("budget_idea.description", 4000),
        pool_id=idea_pool.pk,
        estimated_cost=500,
        area_id=area.pk,
        location=c.short("budget_idea.location"),
        organisation_id=None,
        now=now,
    )
    ideas.idea_review(
        project_id=idea.pk,
        staff=officer,
        feasible=False,
        reason=c.long("budget_idea.review_reason", 2000),
        cost=None,
        now=now,
    )
    ideas.idea_reply(
        project_id=idea.pk, user=author, text=c.long("budget_idea.reply", 2000), now=now
    )
    seeds += [f"/borgerbudget/{idea_process.pk}/ideer/", f"/borgerbudget/projekt/{idea.pk}/"]
    voting = BudgetProcess.objects.create(
        municipality=m,
        title="Afstemning",
        slug="afstemning",
        ballot_type="approval",
        counting_rule="greedy",
        voting_opens=now - timedelta(days=1),
        voting_closes=now + timedelta(days=10),
    )
    voting_pool = Pool.objects.create(process=voting, name="Pulje", amount=300_000)
    BudgetProject.objects.create(
        process=voting,
        pool=voting_pool,
        title=c.short("budget_project.title"),
        description=c.long("budget_project.description", 20_000),
        cost=100_000,
        status="feasible",
    )
    seeds.append(f"/borgerbudget/{voting.pk}/")
    closed = BudgetProcess.objects.create(
        municipality=m,
        title="Afsluttet",
        slug="afsluttet",
        ballot_type="approval",
        counting_rule="greedy",
        voting_opens=now - timedelta(days=60),
        voting_closes=now - timedelta(days=30),
    )
    closed_pool = Pool.objects.create(process=closed, name="Pulje", amount=500_000)
    funded = BudgetProject.objects.create(
        process=closed,
        pool=closed_pool,
        title=c.short("budget_project.title (funded)"),
        cost=100_000,
        status="funded",
    )

    # --- implementation of the funded project --------------------------------------------------
    from medborger.implementation import services as implementation

    delivery = implementation.delivery_start(project=funded, actor=officer, now=now)
    implementation.spend_add(
        delivery_id=delivery.pk,
        actor=officer,
        spent_on=today,
        amount=Decimal("1000"),
        purpose=c.short("spend.purpose"),
        now=now,
    )
    implementation.milestone_add(
        delivery_id=delivery.pk,
        actor=officer,
        title=c.short("milestone.title"),
        due_on=today + timedelta(days=30),
        now=now,
    )
    implementation.update_post(
        delivery_id=delivery.pk, actor=officer, text=c.long("update.text", 5000), now=now
    )
    seeds.append(f"/gennemfoerelse/{delivery.pk}/")

    # --- fast-track pool ------------------------------------------------------------------------
    from medborger.fasttrack import services as fasttrack
    from medborger.fasttrack.models import FastTrackPool

    ft_pool = FastTrackPool.objects.create(
        municipality=m, title=c.short("fasttrack_pool.title"), year=today.year
    )
    application = fasttrack.application_submit(
        pool=ft_pool,
        applicant=author,
        data=fasttrack.ApplicationData(
            title=c.short("application.title", 120),
            description=c.long("application.description", 4000),
            activity_date=today + timedelta(days=20),
            place=c.short("application.place"),
            amount_requested=5_000,
            group_name=c.short("application.group_name"),
            responsible_name=c.short("application.responsible_name"),
            responsible_phone="12345678",
            responsible_email="",
        ),
        now=now,
    )
    fasttrack.application_approve(
        application_id=application.pk,
        official=officer,
        amount=None,
        reason=c.short("application.approve_reason"),
        now=now,
    )
    fasttrack.payout_record(
        application_id=application.pk, official=officer, paid_on=today, amount=5_000, now=now
    )
    fasttrack.report_submit(
        application_id=application.pk,
        user=author,
        text=c.long("application.report_text", 4000),
        photos=[fasttrack.PhotoData(image=_png(), description=c.short("report.photo"))],
        now=now,
    )
    seeds += [f"/hurtigpuljen/{ft_pool.pk}/", f"/hurtigpuljen/ansoegning/{application.pk}/"]

    # --- premises ---------------------------------------------------------------------------
    from medborger.premises import services as premises_services
    from medborger.premises.models import OpeningHours, Premises

    premises = Premises.objects.create(
        municipality=m,
        name=c.short("premises.name", 150),
        address=c.short("premises.address"),
        capacity=40,
        conditions=c.long("premises.conditions", 20_000),
        published=True,
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            premises=premises, weekday=weekday, opens=time(8), closes=time(22)
        )
    day = today + timedelta(days=3)
    booking = premises_services.request_submit(
        premises=premises,
        requester=author,
        data=premises_services.RequestData(
            title=c.short("booking.title", 120),
            purpose=c.long("booking.purpose", 2000),
            participants=10,
            starts_at=datetime.combine(day, time(18), tzinfo=premises.zone),
            ends_at=datetime.combine(day, time(20), tzinfo=premises.zone),
            repeat_until=None,
            requester_kind="entrepreneur",
            initiative_name=c.short("booking.initiative_name"),
            responsible_name=c.short("booking.responsible_name"),
            responsible_phone="12345678",
            responsible_email="",
        ),
        now=now,
    )
    premises_services.request_approve(request_id=booking.pk, official=officer, now=now)
    seeds += [f"/lokaler/{premises.pk}/", f"/lokaler/anmodning/{booking.pk}/"]

    # --- meetings -----------------------------------------------------------------------------
    from medborger.meetings import services as meetings
    from medborger.meetings.models import Meeting, MeetingKind

    starts = now + timedelta(days=14)
    meeting = Meeting.objects.create(
        municipality=m,
        kind=MeetingKind.CITIZENS,
        title=c.short("meeting.title", 160),
        description=c.long("meeting.description", 20_000),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place_name=c.short("meeting.place_name"),
        address=c.short("meeting.address"),
        capacity=30,
        area=area,
    )
    meetings.register(meeting_id=meeting.pk, user=author, now=now)
    plenum = Meeting.objects.create(
        municipality=m,
        kind=MeetingKind.OPEN_PLENUM,
        title="Åbent plenum",
        starts_at=starts + timedelta(days=1),
        ends_at=starts + timedelta(days=1, hours=2),
        place_name="Byrådssalen",
        accepts_slot_requests=True,
    )
    slot = meetings.slot_request(
        meeting_id=plenum.pk,
        user=author,
        title=c.short("slot.title", 160),
        summary=c.long("slot.summary", 1000),
        now=now,
    )
    meetings.slot_allocate(slot_id=slot.pk, staff=secretary, position=1, minutes=5, now=now)
    declined = meetings.slot_request(
        meeting_id=plenum.pk, user=supporter, title="Afvises", summary="Kort.", now=now
    )
    meetings.slot_decline(
        slot_id=declined.pk, staff=secretary, reason=c.short("slot.decline_reason"), now=now
    )
    meetings.running_order_publish(meeting_id=plenum.pk, staff=secretary, now=now)
    held = Meeting.objects.create(
        municipality=m,
        kind=MeetingKind.CITIZENS,
        title="Holdt møde",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=3) + timedelta(hours=2),
        place_name="Skolen",
    )
    meetings.minutes_publish(
        meeting_id=held.pk,
        staff=secretary,
        minutes=c.long("meeting.minutes", 20_000),
        decisions=c.long("meeting.decisions", 20_000),
        now=now,
    )
    cancelled = Meeting.objects.create(
        municipality=m,
        kind=MeetingKind.CITIZENS,
        title="Aflyst møde",
        starts_at=starts + timedelta(days=3),
        ends_at=starts + timedelta(days=3, hours=2),
        place_name="Skolen",
    )
    meetings.register(meeting_id=cancelled.pk, user=author, now=now)
    meetings.meeting_cancel(
        meeting_id=cancelled.pk, staff=secretary, reason=c.short("meeting.cancel_reason"), now=now
    )
    seeds += [
        f"/borgermoeder/{meeting.pk}/",
        f"/borgermoeder/{plenum.pk}/talerliste/",
        f"/borgermoeder/{held.pk}/",
        f"/borgermoeder/{cancelled.pk}/",
        "/borgermoeder/aabent-plenum/",
    ]

    # --- hearings -------------------------------------------------------------------------------
    from medborger.hearings import services as hearings

    opened = now - timedelta(days=30)
    hearing = hearings.hearing_create(
        municipality=m,
        actor=None,
        title=c.short("hearing.title", 200),
        summary=c.short("hearing.summary", 600),
        body=c.long("hearing.body", 20_000),
        opens_at=opened,
        closes_at=now - timedelta(days=1),
        sections=[
            hearings.SectionData(c.short("hearing_section.title"), c.long("hearing_section.text"))
        ],
        themes=[c.short("hearing_theme.name", 120)],
        now=opened,
    )
    section = hearing.sections.get()
    response, _created = hearings.response_submit(
        hearing=hearing,
        user=author,
        data=hearings.ResponseData(
            comment=c.long("hearing_response.comment", 8000),
            stance="mixed",
            publish_name=True,
            sections={section.pk: c.long("hearing_response.section", 4000)},
        ),
        now=opened + timedelta(days=2),
    )
    hearings.response_submit(
        hearing=hearing,
        user=supporter,
        data=hearings.ResponseData(
            comment="På vegne af foreningen.", organisation_id=None, publish_name=False
        ),
        now=opened + timedelta(days=2),
    )
    hearings.response_reply(
        response_id=response.pk,
        official=officer,
        reply=c.long("hearing_response.reply", 8000),
        now=now,
    )
    seeds += [f"/hoeringer/{hearing.pk}/", f"/hoeringer/{hearing.pk}/notat/"]

    # --- co-creation ----------------------------------------------------------------------------
    from medborger.cocreation import services as cocreation

    group = cocreation.group_create(
        municipality=m,
        actor=secretary,
        data=cocreation.GroupData(
            name=c.short("cocreation_group.name", 150),
            purpose=c.long("cocreation_group.purpose"),
            mandate=c.long("cocreation_group.mandate"),
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=150),
            status="active",
            committee=council,
        ),
        now=now,
    )
    member = cocreation.member_add(
        group=group,
        actor=secretary,
        role="resident",
        joined_on=today - timedelta(days=20),
        user=author,
        display_name=c.short("cocreation_member.display_name", 150),
        now=now,
    )
    cocreation.meeting_add(
        group=group,
        actor=author,
        held_on=today - timedelta(days=5),
        place=c.short("cocreation_meeting.place"),
        notes=c.long("cocreation_meeting.notes"),
        now=now,
    )
    cocreation.task_add(
        group=group,
        actor=author,
        title=c.short("cocreation_task.title"),
        owner_id=member.pk,
        due_on=today + timedelta(days=10),
        now=now,
    )
    output = cocreation.output_add(
        group=group,
        actor=author,
        title=c.short("cocreation_output.title"),
        text=c.long("cocreation_output.text", 20_000),
        now=now,
    )
    cocreation.output_present(
        output_id=output.pk,
        actor=author,
        meeting=None,
        on=today,
        note=c.long("cocreation_output.present_note"),
        now=now,
    )
    seeds += [f"/samskabelse/{group.pk}/", f"/samskabelse/resultat/{output.pk}/"]

    # --- efforts and goals ----------------------------------------------------------------------
    from medborger.efforts import services as efforts
    from medborger.goals.models import Goal, Indicator

    goal = Goal.objects.create(
        municipality=m,
        title=c.short("goal.title"),
        description=c.long("goal.description"),
        owner=c.short("goal.owner"),
    )
    Indicator.objects.create(
        goal=goal,
        name=c.short("indicator.name"),
        unit="%",
        baseline_value=Decimal("80"),
        baseline_date=date(2020, 1, 1),
        target_value=Decimal("90"),
        target_date=date(2030, 1, 1),
    )
    effort = efforts.effort_create(
        actor=officer,
        municipality=m,
        data=efforts.EffortData(
            title=c.short("effort.title", 160),
            owner=organisation,
            description=c.long("effort.description"),
            start=date(2026, 1, 1),
            end=date(2030, 1, 1),
            area=area,
            goals=(goal,),
        ),
        now=now,
    )
    efforts.contribution_add(
        actor=officer, goal=goal, target=funded, how=c.short("contribution.how"), now=now
    )
    seeds += [f"/indsatser/{effort.pk}/", f"/maal/{goal.pk}/"]

    # --- volunteering -------------------------------------------------------------------------
    from medborger.volunteering import services as volunteering
    from medborger.volunteering.models import Membership, Programme, Team

    programme = Programme.objects.create(
        municipality=m,
        name=c.short("programme.name", 150),
        description=c.long("programme.description"),
    )
    team = Team.objects.create(
        programme=programme, municipality=m, area=area, name=c.short("team.name", 150)
    )
    Membership.objects.create(team=team, user=author, role="contact", joined_at=now)
    series = volunteering.series_create(
        team=team,
        actor=author,
        data=volunteering.SeriesData(
            title=c.short("activity.title"),
            description=c.long("activity.description"),
            place=c.short("activity.place"),
            frequency="weekly",
            start_date=today + timedelta(days=2),
            start_time=time(10),
            duration_minutes=120,
            count=2,
        ),
        now=now,
    )
    session = series.sessions.order_by("starts_at").first()  # type: ignore[attr-defined]
    seeds += [
        f"/frivillige/{programme.pk}/",
        f"/frivillige/hold/{team.pk}/",
        f"/frivillige/gang/{session.pk}/",
    ]

    # --- reflected: search and filter parameters ------------------------------------------------
    reflected = c.short("reflected ?q= on the proposal list")
    from urllib.parse import urlencode

    seeds += [
        "/forslag/?" + urlencode({"q": reflected, "status": "all"}),
        f"/borgerbudget/{closed.pk}/resultat/find/?" + urlencode({"kode": SHORT[:40]}),
        "/borgermoeder/?" + urlencode({"omraade": SHORT, "type": SHORT}),
        "/findes-ikke/" + SHORT.replace("/", "%2F") + "/",
    ]

    own = [
        f"/forslag/{own_draft.pk}/ret/",
        public.get_absolute_url(),  # the proposer also sees the questions
        "/profil/",
        "/notifikationer/",
        "/hurtigpuljen/mine/",
        "/lokaler/mine/",
        "/borgermoeder/mine/",
        "/frivillige/mine/",
        f"/hurtigpuljen/ansoegning/{application.pk}/",
        f"/lokaler/anmodning/{booking.pk}/",
        f"/hoeringer/{hearing.pk}/",
    ]
    staff = [
        "/personale/",
        "/personale/log/",
        "/personale/sider/contact/en/",
        "/kommentarer/moderation/",
        "/forslag/personale/",
        "/borgerbudget/personale/",
        f"/borgerbudget/personale/{idea_process.pk}/ideer/",
        "/gennemfoerelse/personale/",
        "/hurtigpuljen/personale/",
        "/lokaler/personale/",
        "/hoeringer/personale/",
        f"/hoeringer/personale/{hearing.pk}/",
        "/borgermoeder/personale/",
        f"/borgermoeder/personale/{plenum.pk}/talere/",
        "/frivillige/personale/",
    ]
    sessions = {"author": _session(author), "admin": _session(admin)}
    return XssWorld(
        corpus=c, seeds={"anon": seeds, "author": own, "admin": staff}, sessions=sessions
    )


# --- what the browser checks ----------------------------------------------------------------------

INIT_SCRIPT = """
(() => {
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI} ${e.sample || ""}`);
  });
})();
"""

DOM_AUDIT = """
() => {
  const bad = [];
  const urlAttrs = ["href", "src", "action", "formaction", "data", "xlink:href", "poster"];
  for (const el of document.querySelectorAll("*")) {
    for (const a of el.attributes) {
      if (a.name.startsWith("on")) bad.push(`${el.tagName} ${a.name}="${a.value}"`);
      if (urlAttrs.includes(a.name) && /^\\s*(javascript|vbscript|data):/i.test(a.value)
          && !(el.tagName === "IMG" && /^data:image\\//i.test(a.value))) {
        bad.push(`${el.tagName} ${a.name}="${a.value}"`);
      }
    }
  }
  // Inline code needs the page's nonce. (Data blocks such as type="application/json" do not
  // run; scripts from the site's own /static/ are allowed by 'self'.)
  const runs = (s) => !s.type || /(java|ecma)script|module/i.test(s.type);
  for (const s of document.querySelectorAll("script")) {
    const ownFile = s.src && s.src.startsWith(location.origin + "/static/");
    if (!s.nonce && runs(s) && !ownFile) bad.push(`SCRIPT: ${s.outerHTML.slice(0, 80)}`);
  }
  for (const s of document.querySelectorAll("style")) {
    if (!s.nonce) bad.push(`STYLE without nonce: ${s.outerHTML.slice(0, 80)}`);
  }
  for (const s of document.querySelectorAll("iframe, object, embed, base, meta[http-equiv]")) {
    bad.push(`${s.tagName}: ${s.outerHTML.slice(0, 80)}`);
  }
  // Where a marker can be: text (also in closed <details> and <title>), form values, and the
  // attributes that carry words (alt, title, aria-label, placeholder, meta content).
  const words = [document.documentElement.textContent];
  for (const el of document.querySelectorAll("input, textarea")) words.push(el.value);
  for (const el of document.querySelectorAll("[alt], [title], [aria-label], [placeholder], meta")) {
    for (const name of ["alt", "title", "aria-label", "placeholder", "content"]) {
      if (el.hasAttribute(name)) words.push(el.getAttribute(name));
    }
  }
  return {bad, xss: typeof window.__xss !== "undefined", csp: window.__csp || [],
          text: words.join("\\n")};
}
"""

SKIP = re.compile(
    r"^/(admin|api|media|static|accounts)/|__xss|script:"
    r"|\.(ics|csv|pdf|json|jsonl|pb|xml|txt)$|/(feed|bilag|fil)/|/sprog/|/eksport"
)
# Who crawls where. A visitor follows every link; the author visits their own pages; the admin
# follows the staff pages (personale/ and moderation), where residents' texts are read too.
FULL = os.environ.get("MEDBORGER_XSS_FULL", "") not in ("", "0")
CRAWLS = {
    "anon": (re.compile(r"."), 400 if FULL else 90),
    "author": (re.compile(r"." if FULL else r"/mine/|/ret/|/profil/$"), 400 if FULL else 25),
    "admin": (
        re.compile(r"." if FULL else r"personale/(?!sider/|.*papir|genspil|.*import)|moderation/"),
        400 if FULL else 45,
    ),
}


def _crawl(
    page: Any,
    start: list[str],
    base: str,
    seen_markers: set[str],
    follow: re.Pattern[str],
    cap: int,
) -> list[str]:
    """Visit the seeds and the same-site pages they link to whose path matches `follow`
    (without query strings), at most `cap` pages; return the problems found."""
    problems: list[str] = []
    dialogs: list[str] = []
    console: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on(
        "console",
        lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    queue: deque[str] = deque(start)
    visited: set[str] = set()
    while queue and len(visited) < cap:
        url = queue.popleft()
        if url in visited:
            continue
        visited.add(url)
        dialogs.clear()
        console.clear()
        response = page.goto(base + url, wait_until="load")
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        csp = response.headers.get("content-security-policy", "")
        if "script-src 'self' 'nonce-" not in csp or "unsafe-inline" in csp:
            problems.append(f"{url}: weak or missing CSP header: {csp!r}")
        found = page.evaluate(DOM_AUDIT)
        page.wait_for_timeout(50)  # let late handlers (onload, ontoggle) fire if any got through
        found["xss"] = found["xss"] or page.evaluate("typeof window.__xss !== 'undefined'")
        for kind, items in (
            ("DOM", found["bad"]),
            ("CSP violation", found["csp"]),
            ("console", list(console)),
            ("dialog", list(dialogs)),
        ):
            problems.extend(f"{url}: {kind}: {item}" for item in items)
        if found["xss"]:
            problems.append(f"{url}: a payload ran (window.__xss is set)")
        if "⟪49⟫" in found["text"]:
            problems.append(f"{url}: a template was evaluated (⟪49⟫)")
        seen_markers.update(re.findall(r"xss\d{3}", found["text"]))
        if urlsplit(url).query:
            continue  # do not crawl on from filtered and paged views
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target, _fragment = urldefrag(href)
            parts = urlsplit(target)
            if parts.netloc != urlsplit(base).netloc or parts.query:
                continue
            path = parts.path
            if follow.search(path) and not SKIP.search(path) and path not in visited:
                queue.append(path)
    print(f"{len(visited)} pages: {sorted(visited)}")  # shown with pytest -s
    return problems


@pytest.mark.browser
def test_no_payload_runs_on_any_page(transactional_db: None, new_context: Any, live_server: Any):
    corpus = Corpus()
    world = build(corpus)
    seen: set[str] = set()
    problems: list[str] = []
    for role, (follow, cap) in CRAWLS.items():
        context = new_context("en")
        context.add_init_script(INIT_SCRIPT)
        if role != "anon":
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": world.sessions[role],
                        "url": live_server.url,
                    }
                ]
            )
        page = context.new_page()
        start = world.seeds[role]
        problems += [
            f"[{role}] {p}" for p in _crawl(page, start, live_server.url, seen, follow, cap)
        ]
        context.close()
    assert not problems, "\n".join(problems[:80])
    unseen = {marker: where for marker, where in corpus.fields.items() if marker not in seen}
    assert not unseen, f"text fields never seen on a page: {unseen}"


@pytest.mark.browser
def test_the_checks_catch_an_unescaped_page(browser: Any) -> None:
    """The oracle itself, on made-up pages served by Playwright: an unescaped payload under the
    site's CSP is caught as a CSP violation and in the DOM; without a CSP it runs and is caught
    as `window.__xss`; a template that was evaluated is caught too."""
    base = "http://xss.test"
    strict = "default-src 'self'; script-src 'self' 'nonce-abc'; style-src 'self' 'nonce-abc'"
    pages = {
        "/with-csp/": (strict, f"<html><body><p>{SHORT}</p><p>⟪49⟫</p></body></html>"),
        "/without-csp/": ("", "<html><body><img src=x onerror=__xss=1></body></html>"),
    }
    context = browser.new_context()
    try:
        context.add_init_script(INIT_SCRIPT)

        def serve(route: Any) -> None:
            path = urlsplit(route.request.url).path
            if path not in pages:
                route.fulfill(status=404, body="")
                return
            csp, body = pages[path]
            headers = {"content-type": "text/html; charset=utf-8"}
            if csp:
                headers["content-security-policy"] = csp
            route.fulfill(status=200, headers=headers, body=body)

        context.route(f"{base}/**", serve)
        page = context.new_page()
        problems = _crawl(page, list(pages), base, set(), re.compile("x^"), 5)
    finally:
        context.close()
    text = "\n".join(problems)
    assert "/with-csp/: CSP violation" in text, text
    assert '/with-csp/: DOM: svg onload="__xss=1"' in text, text
    assert "/with-csp/: a template was evaluated" in text, text
    assert "/without-csp/: a payload ran" in text, text
    assert "/without-csp/: weak or missing CSP header" in text, text


def test_csp_header_is_strict(db: None, client: Client) -> None:
    """The policy django-csp sends (config/settings/base.py): scripts and styles only from the
    site itself with the page's nonce, no inline code or eval, no plugins, no framing, forms and
    <base> only to the site."""
    MunicipalityFactory(slug="csp", hosts="csp.test")
    for path in ("/", "/forslag/", "/findes-ikke/", "/accounts/login/"):
        header = client.get(path, HTTP_HOST="csp.test").headers["Content-Security-Policy"]
        directives = {
            part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()
        }
        assert directives["default-src"] == ["'self'"], path
        for kind in ("script-src", "style-src"):
            sources = directives[kind]
            assert sources[0] == "'self'" and len(sources) == 2, (path, kind, sources)
            assert sources[1].startswith("'nonce-"), (path, kind, sources)
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]
        assert directives["form-action"] == ["'self'"]
        assert "data:" not in directives.get("script-src", [])
        assert not any("*" in s for v in directives.values() for s in v), header


def test_htmx_fragments_escape_what_was_typed(db: None) -> None:
    """The fragments htmx swaps into a page while someone types (the LIX hints, similar
    proposals) echo the typed text: it must come back escaped, not as markup."""
    municipality = MunicipalityFactory(slug="frag", hosts="frag.test")
    user = grant(UserFactory(), "resident", municipality)
    client = Client(HTTP_HOST="frag.test", HTTP_HX_REQUEST="true")
    client.force_login(user)
    typed = f"En sætning. {LONG_TEXT} {SHORT}"
    for url, data in (
        ("/klarsprog/lix/", {"body": typed, "_lix_field": "body"}),
        ("/forslag/lignende/", {"title": typed, "summary": typed}),
    ):
        body = client.post(url, data).content.decode()
        for raw in ("<script>__xss", "<svg/onload", "<img src=x onerror", "⟪49⟫"):
            assert raw not in body, (url, raw)
