"""Voting in a participatory budget in a real browser (Debian's Chromium), in Danish and Swedish.

With JavaScript a verified resident ticks projects and watches the live summary (htmx) say what
is left and when the choice is over the budget; a refused ballot comes back in place with the
ticks kept; a cast ballot gives a receipt, and voting again replaces it (the last ballot counts,
one per person). Without JavaScript the same ballot works by plain form posts: a refusal is a 400
page with the reason and the ticks kept. The ballot can be cast with the keyboard alone. The list,
the ballot, the receipt and the results of a closed process have no axe-core violation (WCAG 2.1
A/AA) in either language, and the ballot reflows at 320 px.

The processes are placed around the real clock (the live server and Chromium both use it); the
ballots of the closed process are cast through the service with `now` inside its window.
Expected texts come from the catalogues under translation.override(language). Set
MEDBORGER_SCREENSHOTS=/some/dir to keep screenshots (budget_*.png).
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from medborger.budgeting import services
from medborger.budgeting.models import Ballot, BudgetProject, Pool, VoterRegister
from medborger.places.models import AreaKind
from tests.browser import conftest as browser_fixtures
from tests.browser.conftest import format_violations, run_axe
from tests.budgeting.conftest import make_process, pick
from tests.factories import AreaFactory, MunicipalityFactory, UserFactory, grant, verify

# Debian's Chromium through Playwright (tests/browser/conftest.py), for the tests below.
browser = browser_fixtures.browser
new_context = browser_fixtures.new_context

LANGUAGES = ["da", "sv"]
BUDGET = 200_000
RECEIPT = re.compile(r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$")
MAX_TABS = 60


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    """A municipality on the live server's host names, one process open for voting (a knapsack
    ballot of 200.000 kr, at most two projects) and one that closed ten days ago."""
    municipality: Any = MunicipalityFactory(
        slug="budgetby", name="Budgetby Kommune", hosts="localhost\n127.0.0.1"
    )
    district: Any = AreaFactory(
        municipality=municipality, name="Sorgenfri", slug="sorgenfri", kind=AreaKind.DISTRICT
    )
    now = timezone.now()
    open_process = make_process(
        municipality,
        district,
        title="Sorgenfri bestemmer",
        slug="sorgenfri-aaben",
        description="Bydelen har 200.000 kr. Stem på de projekter, du vil have.",
        voting_opens=now - timedelta(days=1),
        voting_closes=now + timedelta(days=13),
    )
    pool = Pool.objects.create(process=open_process, name="Hele bydelen", amount=BUDGET)
    projects = {
        title: BudgetProject.objects.create(
            process=open_process,
            pool=pool,
            title=title,
            description=text,
            cost=cost,
            status="feasible",
        )
        for title, cost, text in (
            ("Legeplads", 120_000, "En ny legeplads ved skolen."),
            ("Bænke", 90_000, "Bænke langs søen."),
            ("Træer", 60_000, "Tyve nye træer på torvet."),
        )
    }

    closed = make_process(
        municipality,
        district,
        title="Sorgenfri bestemte",
        slug="sorgenfri-lukket",
        voting_opens=now - timedelta(days=30),
        voting_closes=now - timedelta(days=10),
    )
    closed_pool = Pool.objects.create(process=closed, name="Hele bydelen", amount=BUDGET)
    old = [
        BudgetProject.objects.create(
            process=closed, pool=closed_pool, title=title, cost=cost, status="feasible"
        )
        for title, cost in (("Skaterbane", 120_000), ("Hundeskov", 90_000), ("Bålplads", 60_000))
    ]

    def resident(name: str) -> Any:
        user: Any = UserFactory(name=name)
        grant(user, "resident", municipality)
        return verify(user, area=district, birth=date(1980, 5, 17))

    during = now - timedelta(days=20)
    for name, choice in (
        ("Anna Andersen", pick(old[0], old[2])),
        ("Bo Berg", pick(old[0], old[2])),
        ("Cecilie Carlsen", pick(old[1])),
    ):
        services.ballot_cast(process_id=closed.pk, user=resident(name), choice=choice, now=during)
    return {
        "municipality": municipality,
        "process": open_process,
        "projects": projects,
        "closed": closed,
        "resident": resident,
    }


# --- helpers ----------------------------------------------------------------------------------


def _signed_in(new_context: Any, live_server: Any, user: Any, language: str, **options: Any) -> Any:
    """A browser context with the user's session (force_login stands in for the sign-in)."""
    client = Client()
    client.force_login(user)
    context = new_context(language, bypass_csp=True, **options)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


def _t(language: str, text: str, **values: Any) -> str:
    with translation.override(language):
        return gettext(text) % values if values else gettext(text)


def _left(language: str, left: int) -> str:
    return _t(
        language,
        "You have %(left)s left of %(budget)s.",
        left=services.kroner(left),
        budget=services.kroner(BUDGET),
    )


def _over(language: str, over: int) -> str:
    return _t(
        language,
        "You are %(over)s over the budget of %(budget)s.",
        over=services.kroner(over),
        budget=services.kroner(BUDGET),
    )


def _costs_too_much(language: str, spent: int) -> str:
    return _t(
        language,
        "Your choice costs %(spent)s, but the pool is %(budget)s.",
        spent=services.kroner(spent),
        budget=services.kroner(BUDGET),
    )


def _chosen(language: str, count: int) -> str:
    with translation.override(language):
        return ngettext(
            "You have chosen %(counter)s project.", "You have chosen %(counter)s projects.", count
        ) % {"counter": count}


def _summary_says(page: Any, *texts: str) -> None:
    """Wait until the live summary shows every text (htmx answers after a change)."""
    page.wait_for_function(
        """(texts) => {
            const box = document.getElementById("ballot-summary");
            const said = box ? box.innerText.replace(/\\s+/g, " ") : "";
            return texts.every(t => said.includes(t));
        }""",
        arg=list(texts),
    )


def _text(page: Any, selector: str) -> str:
    """The visible text of the first match, with runs of white space made one space."""
    return " ".join(page.locator(selector).first.inner_text().split())


def _box(project: BudgetProject) -> str:
    return f"#project-{project.pk}"


def _ticked(page: Any, projects: dict[str, BudgetProject]) -> set[str]:
    return {title for title, p in projects.items() if page.is_checked(_box(p))}


def _receipt_on(page: Any) -> str:
    code = page.locator(".mb-receipt-code code").inner_text().strip()
    assert RECEIPT.match(code), code
    return code


def _current_choice(process: Any) -> dict[str, int]:
    current = Ballot.objects.filter(process=process, superseded=False)
    assert current.count() == 1
    return current.get().choice


def _axe(page: Any, where: str, failures: list[str]) -> None:
    violations = run_axe(page)
    if violations:
        failures.append(format_violations(where, violations))


def _overflow(page: Any) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def _shot(page: Any, name: str) -> None:
    shots = os.environ.get("MEDBORGER_SCREENSHOTS")
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{shots}/budget_{name}.png", full_page=True)


def _focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, type: el.getAttribute("type")};
        }"""
    )


def _tab_to(page: Any, element_id: str) -> None:
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        current = _focused(page)
        if current["id"] == element_id:
            return
        seen.append(current["id"] or current["tag"])
    raise AssertionError(f"#{element_id} not reached with {MAX_TABS} Tab presses: {seen}")


def _checkbox_focus_is_visible(page: Any) -> bool:
    """DKFDS draws the checkbox on the label's ::before and rings it when the input has focus."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const label = document.querySelector(`label[for="${el.id}"]`);
            const s = getComputedStyle(label, "::before");
            return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
        }"""
    )


# --- with JavaScript --------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_vote_with_live_summary_and_change_the_vote(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    process, projects = site["process"], site["projects"]
    legeplads, baenke, traeer = projects["Legeplads"], projects["Bænke"], projects["Træer"]
    voter = site["resident"]("Vera Vælger")
    page = _signed_in(new_context, live_server, voter, language).new_page()
    failures: list[str] = []

    page.goto("/borgerbudget/")
    with page.expect_navigation():
        page.get_by_role("link", name=process.title).click()
    assert page.url.endswith(f"/borgerbudget/{process.pk}/")
    assert page.get_attribute("html", "lang") == language
    page.evaluate("() => { window.notReloaded = true; }")
    _summary_says(page, _chosen(language, 0), _left(language, BUDGET))

    # Ticking shows what is left; a second tick goes over the budget and says so.
    page.check(_box(legeplads))
    _summary_says(page, _chosen(language, 1), _left(language, 80_000))
    page.check(_box(baenke))
    _summary_says(page, _chosen(language, 2), _over(language, 10_000))
    # said once: the summary does not repeat the same fact as a warning
    assert _costs_too_much(language, 210_000) not in _text(page, "#ballot-summary")
    assert page.locator("#ballot-summary .mb-summary-over").count() == 1
    _axe(page, f"ballot, over budget [{language}]", failures)
    _shot(page, f"ballot_over_{language}")

    # Casting it anyway is refused in place: the reason, the ticks kept, no ballot stored.
    page.click("#ballot-submit")
    page.locator("#stemmeseddel [role=alert]").wait_for()
    assert _costs_too_much(language, 210_000) in _text(page, "#stemmeseddel [role=alert]")
    assert _ticked(page, projects) == {"Legeplads", "Bænke"}
    assert not Ballot.objects.filter(process=process).exists()
    _axe(page, f"ballot, refused [{language}]", failures)

    # Unticking brings the summary back under the budget; the ballot is cast.
    page.uncheck(_box(baenke))
    page.check(_box(traeer))
    _summary_says(page, _chosen(language, 2), _left(language, 20_000))
    assert page.locator("#ballot-summary .mb-summary-over").count() == 0
    # the earlier refusal no longer applies to the new choice, so it is gone
    page.wait_for_function("() => !document.querySelector('#ballot-error [role=alert]')")
    _shot(page, f"ballot_{language}")
    page.click("#ballot-submit")
    page.locator("#stemmeseddel .mb-receipt-code").wait_for()
    assert _t(language, "Thank you. Your vote is counted.") in page.locator("main").inner_text()
    first = _receipt_on(page)
    assert page.evaluate("() => window.notReloaded === true"), "htmx should swap in the receipt"
    assert _current_choice(process) == pick(legeplads, traeer)

    # The receipt page shows the same code (kept in the session).
    page.goto(f"/borgerbudget/{process.pk}/kvittering/")
    assert _receipt_on(page) == first
    _shot(page, f"receipt_{language}")

    # Voting again replaces the ballot: a new receipt, still one voter, the last ballot counts.
    with page.expect_navigation():
        page.locator("#stemmeseddel a.button").click()
    submit = page.locator("#ballot-submit")
    assert submit.inner_text().strip() == _t(language, "Change my vote")
    page.check(_box(baenke))
    _summary_says(page, _chosen(language, 1), _left(language, 110_000))
    submit.click()
    page.locator("#stemmeseddel .mb-receipt-code").wait_for()
    second = _receipt_on(page)
    assert second != first
    assert _current_choice(process) == pick(baenke)
    assert Ballot.objects.filter(process=process).count() == 2
    assert Ballot.objects.get(process=process, receipt_code=first).superseded
    assert VoterRegister.objects.filter(process=process).count() == 1
    page.goto(f"/borgerbudget/{process.pk}/kvittering/")
    assert _receipt_on(page) == second

    assert not failures, "\n\n".join(failures)


# --- without JavaScript -----------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_vote_without_javascript_by_plain_form_posts(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    process, projects = site["process"], site["projects"]
    legeplads, baenke, traeer = projects["Legeplads"], projects["Bænke"], projects["Træer"]
    voter = site["resident"]("Niels Nojs")
    context = _signed_in(new_context, live_server, voter, language, java_script_enabled=False)
    page = context.new_page()

    page.goto(f"/borgerbudget/{process.pk}/")
    assert page.get_attribute("html", "class") == "no-js", "medborger.js ran without JavaScript"
    assert _text(page, "#ballot-summary") == f"{_chosen(language, 0)} {_left(language, BUDGET)}"

    # Over the budget: the page comes back with 400, the reason and the ticks kept.
    page.check(_box(legeplads))
    page.check(_box(baenke))
    with page.expect_navigation() as navigation:
        page.click("#ballot-submit")
    response = navigation.value
    assert response is not None and response.status == 400
    assert response.url.endswith(f"/borgerbudget/{process.pk}/stem/")
    assert page.get_attribute("html", "lang") == language
    assert _costs_too_much(language, 210_000) in _text(page, "main [role=alert]")
    assert _ticked(page, projects) == {"Legeplads", "Bænke"}
    assert _over(language, 10_000) in _text(page, "#ballot-summary")
    assert not Ballot.objects.filter(process=process).exists()
    _shot(page, f"refused_nojs_{language}")

    # Fixed and cast: a redirect to the receipt page with the code.
    page.uncheck(_box(baenke))
    page.check(_box(traeer))
    with page.expect_navigation():
        page.click("#ballot-submit")
    assert page.url.endswith(f"/borgerbudget/{process.pk}/kvittering/")
    assert _t(language, "Your vote is counted.") in _text(page, "main [role=status]")
    first = _receipt_on(page)
    assert _current_choice(process) == pick(legeplads, traeer)

    # Changed by plain post: a new receipt replaces the old one.
    with page.expect_navigation():
        page.locator("#stemmeseddel a.button").click()
    assert _ticked(page, projects) == set(), "the ballot never shows how you voted"
    page.check(_box(baenke))
    with page.expect_navigation():
        page.click("#ballot-submit")
    assert page.url.endswith(f"/borgerbudget/{process.pk}/kvittering/")
    second = _receipt_on(page)
    assert second != first
    assert _current_choice(process) == pick(baenke)

    # From another device (a new session) the receipt code is asked for and changes the vote.
    other = _signed_in(
        new_context, live_server, voter, language, java_script_enabled=False
    ).new_page()
    other.goto(f"/borgerbudget/{process.pk}/")
    assert other.locator("#receipt").count() == 1
    other.check(_box(traeer))
    other.fill("#receipt", first)
    with other.expect_navigation() as navigation:
        other.click("#ballot-submit")
    assert navigation.value is not None and navigation.value.status == 400, "an old receipt"
    assert _t(
        language,
        "This receipt does not belong to your current vote. Check the code and try again.",
    ) in _text(other, "main [role=alert]")
    assert other.input_value("#receipt") == first
    assert _ticked(other, projects) == {"Træer"}
    other.fill("#receipt", second.lower().replace("-", " "))
    with other.expect_navigation():
        other.click("#ballot-submit")
    third = _receipt_on(other)
    assert third not in (first, second)
    assert _current_choice(process) == pick(traeer)
    assert VoterRegister.objects.filter(process=process).count() == 1


# --- the keyboard alone -----------------------------------------------------------------------


@pytest.mark.browser
def test_ballot_by_keyboard_only(site: dict[str, Any], new_context: Any, live_server: Any) -> None:
    """Tab to a project, Space to tick, Tab to the button, Enter; a refusal keeps the focus on the
    button, and after the vote the focus moves to the confirmation, not back to the page top."""
    process, projects = site["process"], site["projects"]
    legeplads, baenke, traeer = projects["Legeplads"], projects["Bænke"], projects["Træer"]
    page = _signed_in(new_context, live_server, site["resident"]("Tove Tastatur"), "da").new_page()
    page.goto(f"/borgerbudget/{process.pk}/")

    _tab_to(page, f"project-{legeplads.pk}")
    assert _checkbox_focus_is_visible(page), "the focused checkbox shows no focus ring"
    page.keyboard.press("Space")
    assert page.is_checked(_box(legeplads))
    _summary_says(page, _chosen("da", 1), _left("da", 80_000))
    page.keyboard.press("Tab")
    assert _focused(page)["id"] == f"project-{baenke.pk}"
    page.keyboard.press("Space")
    _summary_says(page, _over("da", 10_000))

    _tab_to(page, "ballot-submit")
    page.keyboard.press("Enter")
    page.locator("#stemmeseddel [role=alert]").wait_for()
    assert _focused(page)["id"] == "ballot-submit", "the refusal should keep the focus in place"
    assert _ticked(page, projects) == {"Legeplads", "Bænke"}

    # Back up with Shift+Tab: tick Træer, untick Bænke, and send.
    page.keyboard.press("Shift+Tab")
    assert _focused(page)["id"] == f"project-{traeer.pk}"
    page.keyboard.press("Space")
    page.keyboard.press("Shift+Tab")
    assert _focused(page)["id"] == f"project-{baenke.pk}"
    page.keyboard.press("Space")
    _summary_says(page, _chosen("da", 2), _left("da", 20_000))
    _tab_to(page, "ballot-submit")
    page.keyboard.press("Enter")
    page.locator("#stemmeseddel .mb-receipt-code").wait_for()
    _receipt_on(page)
    assert _current_choice(process) == pick(legeplads, traeer)
    assert page.evaluate("() => document.activeElement.matches('#stemmeseddel [role=status]')"), (
        f"focus went to {_focused(page)} after the vote"
    )
    page.keyboard.press("Tab")
    assert page.evaluate(
        "() => document.getElementById('stemmeseddel').contains(document.activeElement)"
    )


# --- axe-core on every page of the flow, da and sv, and 320 px ---------------------------------


def _post_without_htmx(page: Any) -> Any:
    """Send the ballot form as a plain post, as a browser without JavaScript would: form.submit()
    fires no submit event, so htmx stays out of it."""
    with page.expect_navigation() as navigation:
        page.evaluate("() => document.querySelector('form.mb-ballot-form').submit()")
    return navigation.value


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_budget_pages_have_no_axe_violations(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    """axe-core (WCAG 2.1 A/AA) on the list, the ballot, a closed process, its results and the
    receipt, signed in and not; the refused ballot (htmx and plain post); the ballot that asks for
    the receipt code; and the ballot, the receipt and the results at 320 px."""
    process, closed, projects = site["process"], site["closed"], site["projects"]
    voter = site["resident"](f"Asta Axe {language}")
    failures: list[str] = []
    checked: list[str] = []

    def check(tab: Any, where: str) -> None:
        assert tab.get_attribute("html", "lang") == language, where
        _axe(tab, f"{where} [{language}]", failures)
        checked.append(where)

    anonymous = new_context(language, bypass_csp=True).new_page()
    page = _signed_in(new_context, live_server, voter, language).new_page()
    for who, tab in (("anonymous", anonymous), ("signed in", page)):
        for path, name in (
            ("/borgerbudget/", "list"),
            (f"/borgerbudget/{process.pk}/", "ballot"),
            (f"/borgerbudget/{closed.pk}/", "closed"),
            (f"/borgerbudget/{closed.pk}/resultat/", "results"),
        ):
            response = tab.goto(path)
            assert response is not None and response.status == 200, (who, path)
            check(tab, f"{name}, {who}")
            if who == "signed in":
                _shot(tab, f"{name}_{language}")

    # The closed process has no ballot, links to its results, and they are counted.
    page.goto(f"/borgerbudget/{closed.pk}/")
    assert page.locator("#ballot-submit").count() == 0
    page.goto(f"/borgerbudget/{closed.pk}/resultat/")
    rows = page.locator("main table.mb-results-table tbody tr")
    table = [rows.nth(i).inner_text().split("\t") for i in range(rows.count())]
    yes, no = _t(language, "Yes"), _t(language, "No")
    assert [(r[0].strip(), r[3].strip(), r[4].strip()) for r in table] == [
        ("Skaterbane", "2", yes),
        ("Bålplads", "2", yes),
        ("Hundeskov", "1", no),
    ], table

    # Refused: swapped in by htmx, and as the 400 page of a plain post.
    page.goto(f"/borgerbudget/{process.pk}/")
    page.check(_box(projects["Legeplads"]))
    page.check(_box(projects["Bænke"]))
    page.click("#ballot-submit")
    page.locator("#stemmeseddel [role=alert]").wait_for()
    check(page, "ballot refused by htmx")
    response = _post_without_htmx(page)
    assert response is not None and response.status == 400
    check(page, "ballot refused, plain post (400)")
    _shot(page, f"refused_{language}")

    # Cast: the receipt swapped in, and the receipt page.
    page.uncheck(_box(projects["Bænke"]))
    page.click("#ballot-submit")
    page.locator("#stemmeseddel .mb-receipt-code").wait_for()
    check(page, "receipt swapped in by htmx")
    page.goto(f"/borgerbudget/{process.pk}/kvittering/")
    check(page, "receipt page")
    page.goto(f"/borgerbudget/{process.pk}/")
    check(page, "ballot after voting")
    _shot(page, f"ballot_voted_{language}")

    # Another session of the same voter: the ballot asks for the receipt code.
    elsewhere = _signed_in(new_context, live_server, voter, language).new_page()
    elsewhere.goto(f"/borgerbudget/{process.pk}/")
    assert elsewhere.locator("#receipt").count() == 1
    check(elsewhere, "ballot asking for the receipt code")
    _shot(elsewhere, f"ballot_receipt_field_{language}")

    # A phone 320 px wide: no violation and nothing scrolls sideways (WCAG 1.4.10).
    for tab, who in ((anonymous, "anonymous"), (page, "signed in"), (elsewhere, "elsewhere")):
        tab.set_viewport_size({"width": 320, "height": 800})
        paths = [(f"/borgerbudget/{process.pk}/", "ballot_320")]
        if tab is page:
            paths += [
                (f"/borgerbudget/{process.pk}/kvittering/", "receipt_320"),
                (f"/borgerbudget/{closed.pk}/resultat/", "results_320"),
                ("/borgerbudget/", "list_320"),
            ]
        for path, name in paths:
            tab.goto(path)
            check(tab, f"{name}, {who}")
            if (overflow := _overflow(tab)) > 0:
                failures.append(f"{path} [{language}, {who}, 320px]: scrolls by {overflow}px")
            _shot(tab, f"{name}_{who.replace(' ', '_')}_{language}")
    page.goto(f"/borgerbudget/{process.pk}/")
    page.check(_box(projects["Legeplads"]))
    page.check(_box(projects["Bænke"]))
    _summary_says(page, _over(language, 10_000))
    check(page, "ballot over budget, 320px")
    _shot(page, f"ballot_over_320_{language}")

    assert not failures, "\n\n".join(failures)
    assert len(checked) == 8 + 5 + 1 + 7, checked
