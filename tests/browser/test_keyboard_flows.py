"""The five things a resident comes to do, each with the keyboard alone, in Danish, Swedish and
English at 1280 px and at 320 px: write and submit a citizen proposal, support one,
vote in a participatory budget, register for a citizens' meeting and respond to a hearing.

Keyboard alone means: the start page is opened by its address (as typed in the address bar);
after that only Tab, Shift+Tab, Enter, Space, arrow keys and typing. No mouse click, no
element.click() or form.submit() from JavaScript, no Playwright fill/check/select. Each page
starts with the skip link (the first Tab stop) into the main content. Every control the flow
uses must show where the focus is: its outline or box shadow (for DKFDS check boxes and radio
buttons, the drawn box on the label) differs from the same control unfocused, checked by
tabbing away and back. Every page on the way is checked with axe-core (WCAG 2.0/2.1 A and AA).

Signing in is by session cookie (force_login): signing in with the keyboard is proven in
tests/browser/test_sign_in.py. This file is the one place that proves all five flows in all
three languages; the apps' own browser tests go deeper into each flow with the mouse.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool, VoterRegister
from medborger.hearings import services as hearing_services
from medborger.hearings.models import HearingResponse
from medborger.meetings.models import Meeting, MeetingKind, Registration
from medborger.places.models import AreaKind
from medborger.proposals import services as proposal_services
from medborger.proposals.models import Proposal, ProposalRules, Support, Topic
from medborger.proposals.services import DraftData
from tests.browser.conftest import AXE_JS, AXE_TAGS, format_violations
from tests.factories import (
    AreaFactory,
    CommitteeFactory,
    MunicipalityFactory,
    UserFactory,
    grant,
    verify,
)

VARIANTS = [(language, width) for language in ("da", "sv", "en") for width in (1280, 320)]
MAX_TABS = 150
_names = itertools.count(1)


# --- the world --------------------------------------------------------------------------------


@pytest.fixture
def world(transactional_db: Any) -> dict[str, Any]:
    """A municipality on the live server's host names with an area, proposal rules (no
    co-proposers, so a submitted proposal goes straight to review), a proposal collecting
    support, a budget open for voting, a citizens' meeting open for registration and an open
    hearing. Everything is placed around the real clock: the live server uses it."""
    now = timezone.now()
    municipality = MunicipalityFactory(
        slug="tastaturby",
        name="Tastaturby Kommune",
        hosts="localhost\n127.0.0.1",
        languages=["da", "sv", "en"],
    )
    area = AreaFactory(municipality=municipality, name="Nordby", slug="nordby", kind=AreaKind.TOWN)
    secretary = grant(UserFactory(name="Sofie Sekretær"), "committee_secretary", municipality)
    committee = CommitteeFactory(
        municipality=municipality, name="Teknik- og Miljøudvalget", secretary=secretary
    )
    ProposalRules.objects.create(
        municipality=municipality,
        threshold_kind=ProposalRules.ThresholdKind.ABSOLUTE,
        threshold_absolute=50,
        co_proposers=0,
        default_committee=committee,
    )
    Topic.objects.create(municipality=municipality, name="Trafik", slug="trafik")
    officer = grant(UserFactory(name="Karen Sagsbehandler"), "case_officer", municipality)

    def resident(name: str) -> Any:
        user = grant(UserFactory(name=name), "resident", municipality)
        return verify(user, area=area, birth=date(1980, 1, 1))

    author = resident("Anna Andersen")
    collecting = proposal_services.proposal_save_draft(
        author=author,
        municipality=municipality,
        data=DraftData(
            title="Bænke langs stranden",
            summary="Flere steder at sidde ved vandet.",
            body="Der mangler bænke på stien langs stranden.",
            area=area,
            topics=[],
            sdgs=[],
        ),
        now=now,
    )
    proposal_services.proposal_submit(proposal_id=collecting.pk, user=author, now=now)
    proposal_services.proposal_review_approve(
        proposal_id=collecting.pk, reviewer=officer, contact_person=officer, now=now
    )
    collecting.refresh_from_db()
    assert collecting.state == "collecting"

    process = BudgetProcess.objects.create(
        municipality=municipality,
        title="Nordby bestemmer",
        slug="nordby",
        area=area,
        ballot_type="knapsack",
        min_projects=1,
        max_projects=2,
        counting_rule="greedy",
        voting_opens=now - timedelta(days=1),
        voting_closes=now + timedelta(days=13),
    )
    pool = Pool.objects.create(process=process, name="Hele Nordby", amount=200_000)
    projects = [
        BudgetProject.objects.create(
            process=process, pool=pool, title=title, cost=cost, status="feasible"
        )
        for title, cost in (("Legeplads", 120_000), ("Bænke", 90_000), ("Træer", 60_000))
    ]

    starts = (now + timedelta(days=14)).replace(hour=17, minute=0, second=0, microsecond=0)
    meeting = Meeting.objects.create(
        municipality=municipality,
        kind=MeetingKind.CITIZENS,
        title="Borgermøde om den nye skolevej",
        description="Kom og hør om planerne.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place_name="Nordby Forsamlingshus",
        address="Bygaden 14, 4000 Nordby",
        capacity=20,
        step_free=True,
        hearing_loop=True,
        area=area,
    )

    hearing = hearing_services.hearing_create(
        municipality=municipality,
        actor=None,
        title="Lokalplan for Nordby Havn",
        summary="Vi vil bygge boliger ved havnen.",
        body="Havnen skal fornyes.",
        opens_at=now - timedelta(days=1),
        area=area,
        sections=[hearing_services.SectionData("Boliger", "Op til 120 boliger.")],
        now=now,
    )
    return {
        "municipality": municipality,
        "resident": lambda: resident(f"Tove Tastatur {next(_names)}"),
        "collecting": collecting,
        "process": process,
        "projects": projects,
        "meeting": meeting,
        "hearing": hearing,
    }


# --- the keyboard ------------------------------------------------------------------------------

FOCUS_STYLE = """(el) => {
    const pick = s => [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" ");
    const shows = s => (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
        || (s.boxShadow && s.boxShadow !== "none");
    // DKFDS hides the real check box or radio button and draws one on the label's ::before
    const drawn = (el.type === "checkbox" || el.type === "radio") && el.labels && el.labels.length;
    const styles = drawn
        ? [getComputedStyle(el.labels[0], "::before"), getComputedStyle(el.labels[0])]
        : [getComputedStyle(el)];
    return {look: styles.map(pick).join(" | "), shows: styles.some(shows)};
}"""


class Keyboard:
    """A signed-in tab driven by the keyboard alone."""

    def __init__(self, page: Any, language: str, where: str, failures: list[str]) -> None:
        self.page = page
        self.language = language
        self.where = where
        self.failures = failures

    def focused(self) -> dict[str, Any]:
        return self.page.evaluate(
            """() => {
                const el = document.activeElement;
                return {tag: el.tagName.toLowerCase(), id: el.id, name: el.name || "",
                        href: el.getAttribute("href"), text: (el.innerText || "").trim()};
            }"""
        )

    def is_focused(self, selector: str) -> bool:
        return self.page.evaluate("(s) => document.activeElement.matches(s)", selector)

    def becomes_focused(self, selector: str, timeout_ms: int = 2000) -> bool:
        """True once the focus lands on the element; htmx moves it in its settle step."""
        try:
            self.page.wait_for_function(
                "(s) => document.activeElement.matches(s)", arg=selector, timeout=timeout_ms
            )
        except PlaywrightTimeout:
            return False
        return True

    def tab_to(self, selector: str, what: str) -> None:
        """Press Tab until the focus is on the element; fail if it never comes."""
        seen = []
        for _ in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            if self.is_focused(selector):
                return
            current = self.focused()
            seen.append(current["id"] or current["name"] or current["href"] or current["tag"])
        raise AssertionError(f"{self.where}: {what} not reached with Tab: {seen}")

    def skip_to_content(self) -> None:
        """The skip link is the first Tab stop; Enter moves the focus into <main>."""
        self.page.keyboard.press("Tab")
        assert self.is_focused("a.skipnav"), f"{self.where}: the skip link is not first"
        self.page.keyboard.press("Enter")
        assert self.is_focused("#main-content"), f"{self.where}: the skip link did not work"

    def focus_is_visible(self, what: str) -> None:
        """WCAG 2.4.7: the focused control looks different from the same control unfocused.
        Tab away and Shift+Tab back to see both (a radio group is left and re-entered at its
        checked button)."""
        page = self.page
        page.evaluate("() => { window.__probe = document.activeElement; }")
        focused = page.evaluate(f"() => ({FOCUS_STYLE})(window.__probe)")
        page.keyboard.press("Tab")
        unfocused = page.evaluate(f"() => ({FOCUS_STYLE})(window.__probe)")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("() => document.activeElement === window.__probe"), (
            f"{self.where}: Shift+Tab did not come back to {what}"
        )
        if not focused["shows"] or focused["look"] == unfocused["look"]:
            self.failures.append(
                f"{self.where}: {what} shows no focus indicator "
                f"(focused: {focused['look']}; unfocused: {unfocused['look']})"
            )

    def press(self, key: str, *, navigates: bool = False) -> None:
        if navigates:
            with self.page.expect_navigation():
                self.page.keyboard.press(key)
        else:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def check_page(self, step: str) -> None:
        """The page is in the right language and axe-core finds nothing."""
        where = f"{self.where}, {step}"
        lang = self.page.get_attribute("html", "lang")
        assert lang == self.language, f"{where}: <html lang={lang!r}>"
        violations = self.page.evaluate(
            """async (tags) => (await axe.run(document, {
                runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
            })).violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.map(n => n.target.join(" ")),
            }))""",
            AXE_TAGS,
        )
        if violations:
            self.failures.append(format_violations(where, violations))
        if self.page.viewport_size["width"] == 320:
            width = self.page.evaluate("() => document.documentElement.scrollWidth")
            if width > 321:
                self.failures.append(f"{where}: {width}px wide at 320 px (WCAG 1.4.10 reflow)")


def _keyboard(
    new_context: Any, live_server: Any, user: Any, language: str, width: int, flow: str
) -> tuple[Keyboard, list[str]]:
    client = Client()
    client.force_login(user)
    context = new_context(language, bypass_csp=True)
    context.add_init_script(path=str(AXE_JS))
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    failures: list[str] = []
    return Keyboard(page, language, f"{flow} [{language}, {width}px]", failures), failures


def _run(flow: Any, world: dict[str, Any], new_context: Any, live_server: Any) -> None:
    failures: list[str] = []
    for language, width in VARIANTS:
        keys, found = _keyboard(
            new_context, live_server, world["resident"](), language, width, flow.__name__
        )
        flow(keys, world)
        failures.extend(found)
    assert not failures, "\n\n".join(failures)


# --- the five flows ---------------------------------------------------------------------------


def propose(keys: Keyboard, world: dict[str, Any]) -> None:
    page = keys.page
    title = f"Cykelsti til skolen ({keys.where})"
    page.goto("/forslag/")
    keys.check_page("the list")
    keys.skip_to_content()
    keys.tab_to('main a[href="/forslag/nyt/"]', "the link to write a proposal")
    keys.focus_is_visible("the link to write a proposal")
    keys.press("Enter", navigates=True)
    assert page.url.endswith("/forslag/nyt/"), f"{keys.where}: went to {page.url}"
    keys.check_page("the empty form")

    keys.skip_to_content()
    keys.tab_to("#id_title", "the title")
    keys.focus_is_visible("the title field")
    keys.type(title)
    keys.tab_to("#id_summary", "the summary")
    keys.focus_is_visible("the summary field")
    keys.type("En sikker sti for børn.")
    keys.tab_to("#id_body", "the proposal text")
    keys.focus_is_visible("the proposal text")
    keys.type("Børn cykler i dag på vejen. En sti vil gøre vejen sikker.")
    keys.tab_to("#id_area", "the area")
    keys.focus_is_visible("the area list")
    keys.press("ArrowDown")  # from "the whole municipality" to Nordby
    assert page.evaluate("() => document.querySelector('#id_area').selectedOptions[0].text") == (
        "Nordby"
    ), f"{keys.where}: the arrow key did not choose the area"
    keys.tab_to("input[name=topics]", "the first topic")
    keys.press("Space")
    assert page.evaluate("() => document.activeElement.checked"), f"{keys.where}: topic not ticked"
    keys.focus_is_visible("the topic check box")
    keys.tab_to("#save-draft", "Save the draft")
    keys.focus_is_visible("the Save button")
    keys.press("Enter", navigates=True)
    proposal = Proposal.objects.get(title=title)
    assert page.url.endswith(f"/forslag/{proposal.pk}/ret/"), f"{keys.where}: went to {page.url}"
    assert proposal.state == "draft" and proposal.area is not None
    assert proposal.topics.count() == 1
    keys.check_page("the draft")

    keys.skip_to_content()
    keys.tab_to("#submit-proposal", "Submit the proposal")
    keys.focus_is_visible("the Submit button")
    keys.press("Enter", navigates=True)
    assert page.url.endswith(proposal.get_absolute_url()), f"{keys.where}: went to {page.url}"
    proposal.refresh_from_db()
    assert proposal.state == "in_review", f"{keys.where}: the proposal is {proposal.state}"
    keys.check_page("the submitted proposal")


def support(keys: Keyboard, world: dict[str, Any]) -> None:
    page = keys.page
    proposal = world["collecting"]
    before = Support.objects.filter(proposal=proposal).count()
    page.goto(proposal.get_absolute_url())
    keys.check_page("the proposal")
    keys.skip_to_content()
    keys.tab_to("#id_show_name", "Show my name")
    keys.press("Space")
    assert page.is_checked("#id_show_name"), f"{keys.where}: Space did not tick Show my name"
    keys.focus_is_visible("the Show my name check box")
    keys.tab_to("#support-add", "Support the proposal")
    keys.focus_is_visible("the Support button")
    keys.press("Enter")
    page.locator("#stoet .alert-success").wait_for()
    assert Support.objects.filter(proposal=proposal).count() == before + 1
    # The box is replaced (htmx); the focus goes to the confirmation, not back to the top.
    assert keys.becomes_focused("#stoet .alert-success"), (
        f"{keys.where}: after supporting, the focus is on {keys.focused()}"
    )
    keys.check_page("the proposal, supported")
    keys.tab_to("#support-withdraw", "Withdraw my support")
    keys.focus_is_visible("the Withdraw button")


def vote(keys: Keyboard, world: dict[str, Any]) -> None:
    page = keys.page
    process = world["process"]
    legeplads, _baenke, traeer = world["projects"]
    page.goto(f"/borgerbudget/{process.pk}/")
    keys.check_page("the ballot")
    keys.skip_to_content()
    keys.tab_to(f"#project-{legeplads.pk}", legeplads.title)
    keys.press("Space")
    keys.focus_is_visible("a project check box")
    keys.tab_to(f"#project-{traeer.pk}", traeer.title)
    keys.press("Space")
    assert page.is_checked(f"#project-{legeplads.pk}") and page.is_checked(f"#project-{traeer.pk}")
    keys.tab_to("#ballot-submit", "Vote")
    keys.focus_is_visible("the Vote button")
    keys.press("Enter")
    page.locator("#stemmeseddel .mb-receipt-code").wait_for()
    assert VoterRegister.objects.filter(process=process).count() >= 1
    assert keys.becomes_focused("#stemmeseddel [role=status]"), (
        f"{keys.where}: after voting, the focus is on {keys.focused()}"
    )
    keys.check_page("the receipt")


def register(keys: Keyboard, world: dict[str, Any]) -> None:
    page = keys.page
    meeting = world["meeting"]
    before = Registration.objects.filter(meeting=meeting).count()
    page.goto("/borgermoeder/")
    keys.check_page("the list of meetings")
    keys.skip_to_content()
    keys.tab_to(f'main a[href="/borgermoeder/{meeting.pk}/"]', "the meeting")
    keys.focus_is_visible("the link to the meeting")
    keys.press("Enter", navigates=True)
    keys.check_page("the meeting")
    keys.skip_to_content()
    keys.tab_to("#register", "Register")
    keys.focus_is_visible("the Register button")
    keys.press("Enter", navigates=True)
    assert Registration.objects.filter(meeting=meeting).count() == before + 1
    assert page.locator("#my-status").count() == 1, f"{keys.where}: no registration shown"
    keys.check_page("the meeting, registered")


def respond(keys: Keyboard, world: dict[str, Any]) -> None:
    page = keys.page
    hearing = world["hearing"]
    before = HearingResponse.objects.filter(hearing=hearing).count()
    page.goto(hearing.get_absolute_url())
    keys.check_page("the hearing")
    keys.skip_to_content()
    keys.tab_to("#respond", "Write a response")
    keys.focus_is_visible("the link to respond")
    keys.press("Enter", navigates=True)
    keys.check_page("the response form")
    keys.skip_to_content()
    keys.tab_to("input[name=stance]", "the first stance")
    keys.press("ArrowDown")  # the arrow keys move through a radio group and choose
    assert page.evaluate("() => document.activeElement.checked"), f"{keys.where}: no stance"
    keys.focus_is_visible("a stance radio button")
    keys.tab_to("#id_comment", "the comment")
    keys.focus_is_visible("the comment field")
    keys.type("Husk cykelparkering ved havnen.")
    keys.tab_to("#send-response", "Send the response")
    keys.focus_is_visible("the Send button")
    keys.press("Enter", navigates=True)
    assert HearingResponse.objects.filter(hearing=hearing).count() == before + 1
    assert "#mine" in page.url, f"{keys.where}: went to {page.url}"
    keys.check_page("the hearing, responded")


# --- the tests --------------------------------------------------------------------------------


@pytest.mark.browser
def test_propose_by_keyboard(world: dict[str, Any], new_context: Any, live_server: Any) -> None:
    _run(propose, world, new_context, live_server)


@pytest.mark.browser
def test_support_by_keyboard(world: dict[str, Any], new_context: Any, live_server: Any) -> None:
    _run(support, world, new_context, live_server)


@pytest.mark.browser
def test_vote_by_keyboard(world: dict[str, Any], new_context: Any, live_server: Any) -> None:
    _run(vote, world, new_context, live_server)


@pytest.mark.browser
def test_register_for_a_meeting_by_keyboard(
    world: dict[str, Any], new_context: Any, live_server: Any
) -> None:
    _run(register, world, new_context, live_server)


@pytest.mark.browser
def test_respond_to_a_hearing_by_keyboard(
    world: dict[str, Any], new_context: Any, live_server: Any
) -> None:
    _run(respond, world, new_context, live_server)
