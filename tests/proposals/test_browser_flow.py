"""A citizen proposal from draft to answer in a real browser, in Danish and in Swedish.

Resident A writes and submits, B co-proposes, a case officer publishes, C and D support (the
threshold is 2, so the proposal goes to the committee), the committee secretary sets the meeting
and records the answer. Every page on the way is checked with axe-core (WCAG 2.1 A/AA).

Expected texts come from the app's own label tables under translation.override(language), so the
test holds before and after the .po files are filled in. Set MEDBORGER_SCREENSHOTS=/some/dir to
keep screenshots of the list and the proposal page.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from medborger.places.models import AreaKind
from medborger.proposals import services
from medborger.proposals.models import Proposal, ProposalRules, Topic
from medborger.proposals.texts import EVENT_LABELS, STATE_LABELS
from tests.browser import conftest as browser_fixtures
from tests.browser.conftest import format_violations, run_axe
from tests.factories import (
    AreaFactory,
    CommitteeFactory,
    MunicipalityFactory,
    UserFactory,
    grant,
    verify,
)

# Debian's Chromium through Playwright (tests/browser/conftest.py), for the tests below.
browser = browser_fixtures.browser
new_context = browser_fixtures.new_context

LANGUAGES = ["da", "sv"]


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    municipality = MunicipalityFactory(
        slug="forslagby", name="Forslagby Kommune", hosts="localhost\n127.0.0.1"
    )
    area = AreaFactory(municipality=municipality, name="Nordby", slug="nordby", kind=AreaKind.TOWN)
    secretary = grant(UserFactory(name="Sofie Sekretær"), "committee_secretary", municipality)
    committee = CommitteeFactory(
        municipality=municipality,
        name="Teknik- og Miljøudvalget",
        slug="teknik-miljoe",
        secretary=secretary,
    )
    ProposalRules.objects.create(
        municipality=municipality,
        threshold_kind=ProposalRules.ThresholdKind.ABSOLUTE,
        threshold_absolute=2,
        co_proposers=1,
        default_committee=committee,
    )
    Topic.objects.create(municipality=municipality, name="Trafik", slug="trafik")

    def resident(name: str) -> Any:
        user = grant(UserFactory(name=name), "resident", municipality)
        return verify(user, area=area, birth=date(1980, 1, 1))

    return {
        "municipality": municipality,
        "area": area,
        "committee": committee,
        "secretary": secretary,
        "officer": grant(UserFactory(name="Karen Sagsbehandler"), "case_officer", municipality),
        "a": resident("Anna Andersen"),
        "b": resident("Bo Berg"),
        "c": resident("Cecilie Carlsen"),
        "d": resident("Dan Dahl"),
    }


def _signed_in(new_context: Any, live_server: Any, user: Any, language: str) -> Any:
    """A browser context with the user's session. Staff pass the MFA gate this way too: their
    TOTP exists (grant() makes it), and force_login stands in for the allauth sign-in."""
    client = Client()
    client.force_login(user)
    context = new_context(language, bypass_csp=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def _axe(page: Any, where: str, failures: list[str]) -> None:
    violations = run_axe(page)
    if violations:
        failures.append(format_violations(where, violations))


def _shot(page: Any, name: str) -> None:
    shots = os.environ.get("MEDBORGER_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{shots}/proposals-{name}.png", full_page=True)


def _state(proposal: Proposal) -> str:
    proposal.refresh_from_db()
    return proposal.state


def _label(table: dict[str, Any], key: str, language: str) -> str:
    with translation.override(language):
        return str(table[key])


def _badge_text(page: Any) -> str:
    return page.locator("main .mb-state").first.inner_text().strip().lower()


@pytest.mark.browser
def test_proposal_from_draft_to_answer_in_danish_and_swedish(
    site: dict[str, Any], new_context: Any, live_server: Any
) -> None:
    failures: list[str] = []
    for language in LANGUAGES:
        _one_flow(site, new_context, live_server, language, failures)
    assert not failures, "\n\n".join(failures)


def _one_flow(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str, failures: list[str]
) -> None:
    title = f"Cykelsti langs Nordby Strandvej ({language})"

    # --- A writes the proposal, saves the draft and submits it ------------------------------
    author = _signed_in(new_context, live_server, site["a"], language).new_page()
    author.goto("/forslag/nyt/")
    assert author.get_attribute("html", "lang") == language
    _axe(author, f"create form [{language}]", failures)
    author.fill("#id_title", title)
    author.fill("#id_summary", "En sikker cykelsti fra skolen til stranden.")
    author.fill(
        "#id_body",
        "Børn cykler i dag på vejen.\n\n- En sti på 2 meter\n- Lys om aftenen",
    )
    author.select_option("#id_area", label="Nordby")
    author.get_by_label("Trafik").check()
    author.click("#save-draft")
    author.wait_for_url(re.compile(r"/forslag/\d+/ret/$"))
    proposal = Proposal.objects.get(title=title)
    assert proposal.state == "draft"
    assert author.input_value("#id_title") == title
    _axe(author, f"edit draft form [{language}]", failures)
    _shot(author, f"form-{language}")

    author.click("#submit-proposal")
    author.wait_for_url(f"**/forslag/{proposal.pk}/")
    assert _state(proposal) == "awaiting_coproposers"
    link = author.input_value("#coproposer-link")
    assert link.startswith("http") and str(proposal.coproposer_token) in link
    assert _badge_text(author) == _label(STATE_LABELS, "awaiting_coproposers", language).lower()

    # --- B opens the co-proposer link and joins: the proposal goes to review ----------------
    coproposer = _signed_in(new_context, live_server, site["b"], language).new_page()
    coproposer.goto(link)
    assert title in coproposer.locator("main").inner_text()
    _axe(coproposer, f"co-proposer page [{language}]", failures)
    coproposer.click("#join")
    coproposer.wait_for_url(f"**/forslag/{proposal.pk}/")
    assert _state(proposal) == "in_review"
    assert "Bo Berg" in coproposer.locator("#coproposers-heading + ul").inner_text()

    # --- the case officer publishes it with a contact person --------------------------------
    officer = _signed_in(new_context, live_server, site["officer"], language).new_page()
    officer.goto("/forslag/personale/")
    assert officer.get_by_role("link", name=title).count() == 1
    _axe(officer, f"staff dashboard [{language}]", failures)
    _shot(officer, f"dashboard-{language}")
    officer.get_by_role("link", name=title).click()
    officer.wait_for_url(f"**/forslag/personale/{proposal.pk}/")
    _axe(officer, f"staff case in review [{language}]", failures)
    _shot(officer, f"case-review-{language}")
    officer.select_option("#id_contact_person", str(site["officer"].pk))
    officer.click("#approve")
    officer.wait_for_url(f"**/forslag/personale/{proposal.pk}/")
    assert _state(proposal) == "collecting"
    _axe(officer, f"staff case collecting [{language}]", failures)

    # --- A asks the contact person a question; the case officer answers it ----------------
    author.goto(proposal.get_absolute_url())
    author.fill("#id_text", "Hvornår kan stien tidligst bygges?")
    author.click("#ask")
    author.wait_for_url(f"**/forslag/{proposal.pk}/#spoergsmaal")
    question = proposal.questions.get()
    _axe(author, f"detail with a question [{language}]", failures)
    assert question.text in author.locator("#spoergsmaal").inner_text()
    officer.goto(f"/forslag/personale/{proposal.pk}/")
    assert officer.locator(f"#question-{question.pk}-answer").count() == 1
    _axe(officer, f"staff case with a question [{language}]", failures)

    # --- C supports with the name shown, D without: the threshold (2) is reached ------------
    supporter = _signed_in(new_context, live_server, site["c"], language).new_page()
    supporter.goto("/")
    supporter.locator(".mb-proposal-card").get_by_role("link", name=title).wait_for()
    _axe(supporter, f"front page with a proposal card [{language}]", failures)
    supporter.goto(proposal.get_absolute_url())
    _axe(supporter, f"detail collecting [{language}]", failures)
    supporter.evaluate("() => { window.notReloaded = true; }")
    supporter.check("#id_show_name")
    supporter.click("#support-add")
    supporter.locator("#stoet .alert-success").wait_for()
    assert supporter.evaluate("() => window.notReloaded === true"), "htmx should swap the box"
    assert supporter.locator("#support-withdraw").count() == 1
    assert "Cecilie Carlsen" in supporter.locator("#stoet .mb-supporter-list").inner_text()
    assert "1" in supporter.locator("#stoet .mb-progress-text").inner_text()
    _axe(supporter, f"detail after support [{language}]", failures)
    _shot(supporter, f"detail-supported-{language}")

    second = _signed_in(new_context, live_server, site["d"], language).new_page()
    second.goto(proposal.get_absolute_url())
    second.click("#support-add")
    second.locator("#stoet .alert-success").wait_for()
    assert _state(proposal) == "referred"
    second.reload()
    assert _badge_text(second) == _label(STATE_LABELS, "referred", language).lower()
    assert (
        site["committee"].name
        in second.locator("#committee-heading + dl, .mb-committee").first.inner_text()
    )
    supporters = second.locator(".mb-supporter-list").inner_text()
    assert "Cecilie Carlsen" in supporters and "Dan Dahl" not in supporters

    # --- the secretary sets the meeting and records the committee's answer ------------------
    secretary = _signed_in(new_context, live_server, site["secretary"], language).new_page()
    secretary.goto(f"/forslag/personale/{proposal.pk}/")
    _axe(secretary, f"staff case referred [{language}]", failures)
    secretary.select_option("#id_committee", label=site["committee"].name)
    secretary.fill("#id_case_number", "24-001234")
    secretary.fill("#id_meeting_at", "2030-03-04T17:00")
    secretary.click("#referral")
    secretary.wait_for_url(f"**/forslag/personale/{proposal.pk}/")
    proposal.refresh_from_db()
    assert proposal.case_number == "24-001234" and proposal.meeting_at is not None
    secretary.check("#id_decision_0")  # adopted
    secretary.fill("#id_answer_text", "Udvalget har **vedtaget** forslaget. Stien bygges i 2031.")
    secretary.click("#answer")
    secretary.wait_for_url(f"**/forslag/personale/{proposal.pk}/")
    assert _state(proposal) == "answered"
    _axe(secretary, f"staff case answered [{language}]", failures)

    # --- anyone can read the answer and every step of the timeline --------------------------
    public = new_context(language, bypass_csp=True).new_page()
    public.goto(proposal.get_absolute_url())
    assert _badge_text(public) == _label(STATE_LABELS, "answered", language).lower()
    assert public.locator("#answer strong").inner_text() == "vedtaget"
    timeline = public.locator("ol.mb-timeline > li")
    steps = [
        timeline.nth(i).locator(".mb-timeline-label strong").inner_text()
        for i in range(timeline.count())
    ]
    for kind in (
        "submit",
        "coproposer_joined",
        "coproposers_complete",
        "approve",
        "threshold_reached",
        "refer",
        "scheduled",
        "answer",
    ):
        label = _label(EVENT_LABELS, kind, language)
        # The answer step also names the decision ("The committee answered: adopted").
        assert any(step == label or step.startswith(f"{label}: ") for step in steps), (kind, steps)
    _axe(public, f"detail answered [{language}]", failures)
    _shot(public, f"detail-{language}")

    public.goto("/forslag/regler/")
    _axe(public, f"rules [{language}]", failures)
    _shot(public, f"rules-{language}")

    public.goto("/forslag/?status=all")
    assert public.get_by_role("link", name=title).count() == 1
    _axe(public, f"list [{language}]", failures)
    _shot(public, f"list-{language}")
    # The filter works with htmx: the results change without a reload and the URL follows.
    public.evaluate("() => { window.notReloaded = true; }")
    public.select_option("#id_status", "collecting")
    public.wait_for_url(re.compile(r"status=collecting"))
    public.locator("#proposal-results .mb-empty").wait_for()
    assert public.evaluate("() => window.notReloaded === true")

    # On a 320 px wide phone nothing scrolls sideways (WCAG 1.4.10 reflow).
    public.set_viewport_size({"width": 320, "height": 800})
    for path in ("/forslag/?status=all", "/forslag/regler/", proposal.get_absolute_url()):
        public.goto(path)
        overflow = public.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            failures.append(f"{path} [{language}, 320px]: scrolls sideways by {overflow}px")
    _shot(public, f"detail-320-{language}")


@pytest.mark.browser
def test_case_officer_answers_a_question(
    site: dict[str, Any], new_context: Any, live_server: Any
) -> None:
    now = timezone.now()
    draft = services.proposal_save_draft(
        author=site["a"],
        municipality=site["municipality"],
        data=services.DraftData(
            title="Flere bænke ved søen",
            summary="Bænke til dem, der går tur.",
            body="Der mangler steder at sidde.",
            area=site["area"],
            topics=[],
            sdgs=[],
        ),
        now=now,
    )
    services.proposal_submit(proposal_id=draft.pk, user=site["a"], now=now)
    services.coproposer_join(
        proposal_id=draft.pk, user=site["b"], token=draft.coproposer_token, now=now
    )
    services.proposal_review_approve(
        proposal_id=draft.pk, reviewer=site["officer"], contact_person=site["officer"], now=now
    )
    question = services.question_ask(
        proposal_id=draft.pk, user=site["a"], text="Hvor skal bænkene stå?", now=now
    )

    page = _signed_in(new_context, live_server, site["officer"], "da").new_page()
    page.goto(f"/forslag/personale/{draft.pk}/")
    page.fill(f"#question-{question.pk}-answer", "Langs stien på nordsiden.")
    page.locator(f"#question-{question.pk} button[type=submit]").click()
    page.wait_for_url(f"**/forslag/personale/{draft.pk}/")
    question.refresh_from_db()
    assert question.answered_at is not None
    assert "Langs stien på nordsiden." in page.locator(f"#question-{question.pk}").inner_text()
