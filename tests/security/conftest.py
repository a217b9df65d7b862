"""A compact world for security tests: municipality A with one of each thing a URL can point at,
municipality B with its own admin and a few of its own things, and one user per role.

The world is built once per test module (inside a transaction that is rolled back when the
module ends), so the authorization matrix can send thousands of requests without rebuilding it.
Each request in those tests runs in a savepoint that is rolled back too (`rolled_back()`), so an
allowed POST changes nothing the next request sees.

Who owns what in A: the *verified resident* owns the residents' things (a draft proposal, a
fast-track application, a booking request, a hearing response, a speaking-slot request, a
comment, a notification) and is a member of the co-creation group and the contact person of the
volunteer team. The unverified *resident* owns nothing: that column of the matrix shows what a
stranger to those things gets. Public things (the collecting proposal, the question) belong to
`author`, a verified resident who is none of the roles.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from medborger.accounts.models import User
from medborger.places.models import AreaKind, InfoPage, Municipality
from tests.factories import (
    AreaFactory,
    CommitteeFactory,
    MunicipalityFactory,
    OrganisationFactory,
    TopicFactory,
    UserFactory,
    grant,
    verify,
)

HOST_A = "a.sikkerhed.test"
HOST_B = "b.sikkerhed.test"

# The roles of the matrix, in the order of its columns.
ROLES = (
    "anon",  # not signed in
    "res",  # resident of A, no verified identity
    "ver",  # resident of A with a verified identity (eID) in A
    "mod",  # moderator of A
    "off",  # case officer of A
    "sec",  # committee secretary of A
    "pol",  # politician of A
    "adm",  # municipal admin of A (Django admin access)
    "admB",  # municipal admin of B, visiting A's site
)


@dataclass
class World:
    a: Municipality
    b: Municipality
    users: dict[str, User]
    # Named things in A (and a few in B, named "b_…"), for URL arguments and object tests.
    things: dict[str, Any] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        return self.things[name]

    def client(
        self, role: str, *, host: str = HOST_A, language: str = "en", **options: Any
    ) -> Client:
        """A fresh client for a role, signed in through the session made once for the module.

        A fresh client per request keeps one request's cookies (a logout, a rotated session)
        from leaking into the next."""
        options.setdefault("raise_request_exception", False)
        client = Client(HTTP_HOST=host, **options)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if role != "anon":
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role]
        return client


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run a block in a savepoint that is always rolled back."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
# Tables a request may write without changing anything anybody sees: the session, and
# django-axes' log of sign-ins and sign-outs.
_BOOKKEEPING = re.compile(r"^(django_session|axes_)")


@contextmanager
def recording_writes() -> Iterator[set[str]]:
    """The tables the block writes to (INSERT, UPDATE, DELETE), bookkeeping tables left out."""
    written: set[str] = set()

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        match = _WRITE.match(sql)
        if match and not _BOOKKEEPING.match(match.group(1)):
            written.add(match.group(1))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield written


def _pdf(name: str = "bilag.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/pdf"
    )


def _png(name: str = "foto.png") -> SimpleUploadedFile:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (10, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def _session_for(user: User) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def build_things(m: Municipality, people: dict[str, User], district: Any) -> dict[str, Any]:
    """One of each thing a URL can point at, in municipality m. `people` are m's: res, ver, mod,
    off, sec (roles as in ROLES), and author and coproposer (verified residents of `district`)."""
    now = timezone.now()
    today = timezone.localdate(now)
    t: dict[str, Any] = {}

    # --- core, places ---------------------------------------------------------------------
    t["topic"] = TopicFactory(municipality=m, title="Testemne")
    for language in ("da", "en"):
        InfoPage.objects.create(
            municipality=m, kind="contact", language=language, title="Kontakt", body="Ring."
        )
    council = CommitteeFactory(
        municipality=m,
        name="Byrådet",
        slug=f"byraadet-{m.slug}",
        is_council=True,
        secretary=people["sec"],
    )
    t["council"] = council

    # --- proposals ------------------------------------------------------------------------
    from medborger.proposals import services as proposals
    from medborger.proposals.models import ProposalRules

    ProposalRules.objects.create(
        municipality=m,
        threshold_kind=ProposalRules.ThresholdKind.ABSOLUTE,
        threshold_absolute=50,
        min_age=15,
        co_proposers=1,
        default_committee=council,
    )

    def draft(who: User, title: str, where: Municipality = m, area: Any = district) -> Any:
        return proposals.proposal_save_draft(
            author=who,
            municipality=where,
            data=proposals.DraftData(
                title=title,
                summary="Et kort resumé.",
                body="Teksten.",
                area=area,
                topics=[],
                sdgs=[],
            ),
            now=now,
        )

    public = draft(people["author"], "Flere bænke ved søen")
    proposals.proposal_submit(proposal_id=public.pk, user=people["author"], now=now)
    public.refresh_from_db()
    proposals.coproposer_join(
        proposal_id=public.pk, user=people["coproposer"], token=public.coproposer_token, now=now
    )
    proposals.proposal_review_approve(
        proposal_id=public.pk, reviewer=people["mod"], contact_person=people["off"], now=now
    )
    public.refresh_from_db()
    assert public.state == "collecting", public.state
    t["proposal"] = public
    t["question"] = proposals.question_ask(
        proposal_id=public.pk, user=people["author"], text="Hvornår svarer I?", now=now
    )
    t["draft"] = draft(people["ver"], "Mit hemmelige udkast")

    # --- budgeting ------------------------------------------------------------------------
    from medborger.budgeting import services as budgeting
    from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool

    process = BudgetProcess.objects.create(
        municipality=m,
        title="Nordkvarteret bestemmer",
        slug=f"kvarter-{m.slug}",
        area=district,
        ballot_type="approval",
        counting_rule="greedy",
        voting_opens=now - timedelta(days=1),
        voting_closes=now + timedelta(days=10),
    )
    pool = Pool.objects.create(process=process, name="Hele kvarteret", amount=300_000)
    t["process"], t["pool"] = process, pool
    t["project"] = BudgetProject.objects.create(
        process=process,
        pool=pool,
        title="Legeplads",
        cost=100_000,
        status="feasible",
        author=people["ver"],
    )
    BudgetProject.objects.create(
        process=process, pool=pool, title="Bænke", cost=50_000, status="feasible"
    )
    t["sheet"] = budgeting.paper_sheet_enter(
        process_id=process.pk,
        staff=people["off"],
        name="Papir Person",
        birth_date=date(1970, 1, 1),
        choice={str(t["project"].pk): 1},
        now=now,
    )
    closed = BudgetProcess.objects.create(
        municipality=m,
        title="Grønne lommer",
        slug=f"groenne-lommer-{m.slug}",
        ballot_type="approval",
        counting_rule="greedy",
        voting_opens=now - timedelta(days=60),
        voting_closes=now - timedelta(days=30),
    )
    closed_pool = Pool.objects.create(process=closed, name="Hele byen", amount=500_000)
    funded = BudgetProject.objects.create(
        process=closed, pool=closed_pool, title="Blomstereng", cost=100_000, status="feasible"
    )
    # Counted now, so no results page counts on its first GET; then funded, as if by the vote.
    budgeting.results_publish(process_id=closed.pk, now=now)
    BudgetProject.objects.filter(pk=funded.pk).update(status="funded")
    funded.refresh_from_db()
    t["closed_process"], t["funded"] = closed, funded

    # --- implementation -------------------------------------------------------------------
    from medborger.implementation import services as implementation

    delivery = implementation.delivery_start(project=funded, actor=people["off"], now=now)
    implementation.spend_add(
        delivery_id=delivery.pk,
        actor=people["off"],
        spent_on=today,
        amount=Decimal("1000"),
        purpose="Frø",
        now=now,
    )
    implementation.milestone_add(
        delivery_id=delivery.pk,
        actor=people["off"],
        title="Såning",
        due_on=today + timedelta(days=30),
        now=now,
    )
    t["delivery"] = delivery
    t["spend"] = delivery.spend_entries.get()  # type: ignore[attr-defined]
    t["milestone"] = delivery.milestones.get()  # type: ignore[attr-defined]

    # --- fast-track pool --------------------------------------------------------------------
    from medborger.fasttrack import services as fasttrack
    from medborger.fasttrack.models import FastTrackPool

    ft_pool = FastTrackPool.objects.create(municipality=m, title="Hurtigpuljen", year=today.year)
    t["ft_pool"] = ft_pool
    t["application"] = fasttrack.application_submit(
        pool=ft_pool,
        applicant=people["ver"],
        data=fasttrack.ApplicationData(
            title="Sankthansbål",
            description="Bål og snobrød.",
            activity_date=today + timedelta(days=20),
            place="Engen",
            amount_requested=5_000,
            group_name="Spejderne",
            responsible_name="Vagn Verificeret",
            responsible_phone="12345678",
            responsible_email="",
        ),
        now=now,
    )

    # --- co-creation ----------------------------------------------------------------------
    from medborger.cocreation import services as cocreation

    group = cocreation.group_create(
        municipality=m,
        actor=people["sec"],
        data=cocreation.GroupData(
            name="Havnegruppen",
            purpose="Havnen skal leve.",
            mandate="Skriv en plan.",
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=150),
            status="active",
            committee=council,
        ),
        now=now,
    )
    member = cocreation.member_add(
        group=group,
        actor=people["sec"],
        role="resident",
        joined_on=today - timedelta(days=20),
        user=people["ver"],
        display_name="Vagn Verificeret",
        now=now,
    )
    t["group"] = group
    t["group_meeting"] = cocreation.meeting_add(
        group=group,
        actor=people["sec"],
        held_on=today - timedelta(days=5),
        place="Biblioteket",
        notes="Vi mødtes.",
        now=now,
    )
    t["task"] = cocreation.task_add(
        group=group,
        actor=people["sec"],
        title="Tegn kort",
        owner_id=member.pk,
        due_on=today + timedelta(days=10),
        now=now,
    )
    t["output"] = cocreation.output_add(
        group=group, actor=people["sec"], title="Visionsplan", text="Planen.", now=now
    )

    # --- premises -------------------------------------------------------------------------
    from medborger.premises import services as premises_services
    from medborger.premises.models import OpeningHours, Premises

    premises = Premises.objects.create(
        municipality=m, name="Den gamle skole", address="Skolevej 2", capacity=40, published=True
    )
    for weekday in range(7):
        OpeningHours.objects.create(
            premises=premises, weekday=weekday, opens=time(8), closes=time(22)
        )
    t["premises"] = premises
    day = today + timedelta(days=14)
    zone = premises.zone
    t["booking"] = premises_services.request_submit(
        premises=premises,
        requester=people["ver"],
        data=premises_services.RequestData(
            title="Korprøve",
            purpose="Vi øver.",
            participants=10,
            starts_at=datetime.combine(day, time(18), tzinfo=zone),
            ends_at=datetime.combine(day, time(20), tzinfo=zone),
            repeat_until=None,
            requester_kind="entrepreneur",
            initiative_name="Koret",
            responsible_name="Vagn Verificeret",
            responsible_phone="12345678",
            responsible_email="",
        ),
        now=now,
    )

    # --- goals, efforts -------------------------------------------------------------------
    from medborger.efforts import services as efforts
    from medborger.goals.models import CarbonBudget, Goal, Indicator

    goal = Goal.objects.create(municipality=m, title="Flere trives", owner="Skoler")
    t["goal"] = goal
    t["indicator"] = Indicator.objects.create(
        goal=goal,
        name="Trivsel",
        unit="%",
        baseline_value=Decimal("80"),
        baseline_date=date(2020, 1, 1),
        target_value=Decimal("90"),
        target_date=date(2030, 1, 1),
    )
    t["carbon"] = CarbonBudget.objects.create(
        municipality=m, title="CO2-budget", start_year=2020, end_year=2030
    )
    t["effort"] = efforts.effort_create(
        actor=people["off"],
        municipality=m,
        data=efforts.EffortData(
            title="Lektiecafé",
            owner=OrganisationFactory(municipality=m, name="Boligselskabet"),
            start=date(2026, 1, 1),
            end=date(2030, 1, 1),
            area=district,
        ),
        now=now,
    )
    t["contribution"] = efforts.contribution_add(
        actor=people["off"], goal=goal, target=funded, how="Mere natur", now=now
    )

    # --- volunteering ---------------------------------------------------------------------
    from medborger.volunteering import services as volunteering
    from medborger.volunteering.models import HoursEntry, Membership, Programme, Team

    programme = Programme.objects.create(municipality=m, name="Grønne Hold")
    team = Team.objects.create(programme=programme, municipality=m, area=district, name="Holdet")
    Membership.objects.create(team=team, user=people["ver"], role="contact", joined_at=now)
    series = volunteering.series_create(
        team=team,
        actor=people["off"],
        data=volunteering.SeriesData(
            title="Affald ved havnen",
            place="Havnen",
            frequency="weekly",
            start_date=today - timedelta(days=7),
            start_time=time(10),
            duration_minutes=120,
            count=4,
        ),
        now=now - timedelta(days=8),
    )
    session = series.sessions.order_by("starts_at").first()  # type: ignore[attr-defined]
    t["programme"], t["team"], t["session"] = programme, team, session
    t["hours"] = HoursEntry.objects.create(
        session=session,
        municipality=m,
        team=team,
        volunteer=people["res"],
        worked_on=session.starts_at.date(),
        minutes=60,
        entered_by=people["res"],
        entered_at=now,
    )

    # --- hearings -------------------------------------------------------------------------
    from medborger.hearings import services as hearings

    hearing = hearings.hearing_create(
        municipality=m,
        actor=None,
        title="Lokalplan for havnen",
        summary="Boliger ved havnen.",
        opens_at=now - timedelta(days=1),
        sections=[hearings.SectionData("Boliger", "Op til 120 boliger.")],
        themes=["Natur"],
        now=now - timedelta(days=1),
    )
    t["hearing"] = hearing
    t["document"] = hearings.document_add(
        hearing=hearing, actor=people["off"], title="Kort", upload=_pdf(), now=now
    )
    response, _created = hearings.response_submit(
        hearing=hearing,
        user=people["ver"],
        data=hearings.ResponseData(comment="Pas på strandengen."),
        attachments=[_pdf("mit-svar.pdf")],
        now=now,
    )
    t["response"] = response
    t["attachment"] = response.attachments.get()  # type: ignore[attr-defined]

    # --- meetings -------------------------------------------------------------------------
    from medborger.meetings import services as meetings
    from medborger.meetings.models import Meeting, MeetingKind

    starts = now + timedelta(days=14)
    t["meeting"] = Meeting.objects.create(
        municipality=m,
        kind=MeetingKind.CITIZENS,
        title="Borgermøde om skolevejen",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place_name="Forsamlingshuset",
        capacity=30,
    )
    plenum = Meeting.objects.create(
        municipality=m,
        kind=MeetingKind.OPEN_PLENUM,
        title="Åbent plenum",
        starts_at=starts + timedelta(days=1),
        ends_at=starts + timedelta(days=1, hours=2),
        place_name="Byrådssalen",
        accepts_slot_requests=True,
    )
    t["plenum"] = plenum
    t["slot"] = meetings.slot_request(
        meeting_id=plenum.pk,
        user=people["ver"],
        title="Om cykelstien",
        summary="Tre minutter om cykelstien.",
        now=now,
    )

    # --- comments, notifications ----------------------------------------------------------
    from medborger.comments.services import comment_create
    from medborger.notifications.models import Notification

    t["comment"] = comment_create(author=people["ver"], target=public, body="Godt forslag!")
    t["notification"] = Notification.objects.create(
        recipient=people["ver"],
        municipality=m,
        event="test",
        content_type=ContentType.objects.get_for_model(public),
        object_id=public.pk,
        title="Nyt om forslaget",
        url=public.get_absolute_url(),
    )

    return t


def build_world() -> World:
    a = MunicipalityFactory(slug="sikker-a", name="Sikkerby Kommune", hosts=HOST_A)
    b = MunicipalityFactory(slug="sikker-b", name="Andenby Kommune", hosts=HOST_B)
    town = AreaFactory(municipality=a, name="Sikkerby", slug="sikkerby", kind=AreaKind.TOWN)
    district = AreaFactory(municipality=a, parent=town, name="Nordkvarter", slug="nordkvarter")
    b_area = AreaFactory(municipality=b, name="Andeby", slug="andeby")

    def person(name: str, role: str | None, where: Municipality = a, **extra: Any) -> User:
        user = UserFactory(name=name, **extra)
        return grant(user, role, where) if role else user

    users = {
        "res": person("Rikke Resident", "resident"),
        "ver": verify(person("Vagn Verificeret", "resident"), area=district),
        "mod": person("Mona Moderator", "moderator"),
        "off": person("Ole Sagsbehandler", "case_officer"),
        "sec": person("Sine Sekretær", "committee_secretary"),
        "pol": person("Poul Politiker", "politician"),
        "adm": person("Anne Admin", "municipal_admin", is_staff=True),
        "admB": person("Bent B-Admin", "municipal_admin", b, is_staff=True),
    }
    author = verify(person("Asta Forslagsstiller", "resident"), area=district)
    coproposer = verify(person("Carl Medforslag", "resident"), area=district)
    b_resident = verify(person("Bodil Andenby", "resident", b), area=b_area)
    world = World(a=a, b=b, users=users)
    t = world.things
    t["author"], t["b_resident"] = author, b_resident
    t["district"] = district

    t.update(build_things(a, {**users, "author": author, "coproposer": coproposer}, district))

    # A few of B's things in the main world; build_b_things makes B a whole set.
    from medborger.budgeting.models import BudgetProcess
    from medborger.proposals import services as proposals

    now = timezone.now()
    t["b_proposal"] = proposals.proposal_save_draft(
        author=b_resident,
        municipality=b,
        data=proposals.DraftData(
            title="Andenbys udkast",
            summary="Et kort resumé.",
            body="Teksten.",
            area=b_area,
            topics=[],
            sdgs=[],
        ),
        now=now,
    )
    b_process = BudgetProcess.objects.create(
        municipality=b,
        title="Andenby bestemmer",
        slug="andenby",
        ballot_type="approval",
        counting_rule="greedy",
        voting_opens=now - timedelta(days=1),
        voting_closes=now + timedelta(days=10),
    )
    t["b_process"] = b_process

    world.sessions = {role: _session_for(user) for role, user in users.items()}
    return world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """One world per test module, rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


def fresh_token() -> str:
    return str(uuid.uuid4())


def build_b_things(world: World) -> dict[str, Any]:
    """Municipality B's own set of things (as build_things makes A's), with B's own people."""
    b = world.b
    district = AreaFactory(municipality=b, name="Sydkvarter", slug="sydkvarter")

    def person(name: str, role: str) -> User:
        return grant(UserFactory(name=name), role, b)

    people = {
        "res": person("Britt Resident", "resident"),
        "ver": verify(person("Birk Verificeret", "resident"), area=district),
        "mod": person("Bo Moderator", "moderator"),
        "off": person("Berit Sagsbehandler", "case_officer"),
        "sec": person("Bjarne Sekretær", "committee_secretary"),
        "author": verify(person("Bente Forslagsstiller", "resident"), area=district),
        "coproposer": verify(person("Brian Medforslag", "resident"), area=district),
    }
    return build_things(b, people, district)


@pytest.fixture(scope="module")
def b_things(world: World, django_db_blocker: Any) -> dict[str, Any]:
    """B's things, made inside the module's world (and rolled back with it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        return build_b_things(world)
