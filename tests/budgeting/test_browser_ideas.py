"""Chromium and axe-core on the idea, review, paper-ballot, replay and lookup pages, in Danish and
Swedish at 1280 and 320 px: zero violations and no sideways scrolling. Sending in an idea over
the cap comes back with the reason and the typed text; a good one lands on its own page."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from medborger.budgeting import ideas, services
from medborger.budgeting.models import BudgetProject, Pool
from medborger.places.models import AreaKind
from tests.browser import conftest as browser_fixtures
from tests.budgeting.conftest import make_process, pick
from tests.budgeting.test_browser import _axe, _overflow, _signed_in, _t
from tests.factories import AreaFactory, MunicipalityFactory, UserFactory, grant, verify

pytestmark = pytest.mark.browser

browser = browser_fixtures.browser
new_context = browser_fixtures.new_context

PB = (
    "META\nkey;value\nbudget;100\nvote_type;approval\nPROJECTS\nproject_id;cost\na;60\nb;40\nc;30\n"
)
PB += "VOTES\nvoter_id;vote\n1;a\n2;a,b\n3;b,c\n4;c\n"


@pytest.fixture
def ideas_site(transactional_db: Any) -> dict[str, Any]:
    municipality: Any = MunicipalityFactory(
        slug="idéby", name="Idéby Kommune", hosts="localhost\n127.0.0.1"
    )
    district: Any = AreaFactory(
        municipality=municipality, name="Sorgenfri", slug="sorgenfri", kind=AreaKind.DISTRICT
    )
    now = timezone.now()
    process = make_process(
        municipality,
        district,
        title="Sorgenfris idéer",
        slug="sorgenfri-ideer",
        max_cost_share=50,
        ideas_open=now - timedelta(days=5),
        ideas_close=now + timedelta(days=10),
        voting_opens=now + timedelta(days=20),
        voting_closes=now + timedelta(days=40),
    )
    Pool.objects.create(process=process, name="Sorgenfri", amount=200_000)
    author: Any = UserFactory(name="Ida Idé")
    grant(author, "resident", municipality)
    verify(author, area=district, birth=date(1985, 1, 1))
    officer: Any = grant(UserFactory(name="Sara Sagsbehandler"), "case_officer", municipality)
    made = [
        ideas.idea_submit(
            process_id=process.pk,
            user=author,
            title=title,
            description=text,
            pool_id=None or process.pools.get().pk,
            estimated_cost=cost,
            area_id=None,
            location="Søen",
            organisation_id=None,
            now=now,
        )
        for title, text, cost in (
            ("Shelter ved søen", "Et shelter til fem.", 60_000),
            ("Bålplads", "En bålplads med bænke.", 20_000),
            ("Svævebane", "En svævebane over søen.", 90_000),
            ("Shelter i skoven", "Samme idé som shelteret.", 50_000),
        )
    ]
    ideas.idea_review(
        project_id=made[0].pk,
        staff=officer,
        feasible=True,
        reason="Kan lade sig gøre.",
        cost=70_000,
        now=now,
    )
    ideas.idea_review(
        project_id=made[2].pk,
        staff=officer,
        feasible=False,
        reason="Søen er fredet.",
        cost=None,
        now=now,
    )
    ideas.idea_reply(project_id=made[2].pk, user=author, text="Kan den gå langs søen?", now=now)
    ideas.idea_merge(project_id=made[3].pk, into_id=made[0].pk, staff=officer, reason="", now=now)
    voting = make_process(
        municipality,
        district,
        title="Sorgenfri stemmer",
        slug="sorgenfri-stemmer",
        voting_opens=now - timedelta(days=1),
        voting_closes=now + timedelta(days=10),
    )
    voting_pool = Pool.objects.create(process=voting, name="Sorgenfri", amount=100_000)
    BudgetProject.objects.create(
        process=voting, pool=voting_pool, title="Bænke", cost=40_000, status="feasible"
    )
    services.paper_sheet_enter(
        process_id=voting.pk,
        staff=officer,
        name="Inger Holm",
        birth_date=date(1941, 3, 12),
        choice=pick(voting.projects.get()),
        now=now,
    )
    closed = make_process(
        municipality,
        district,
        title="Sorgenfri bestemte",
        slug="sorgenfri-lukket",
        voting_opens=now - timedelta(days=30),
        voting_closes=now - timedelta(days=10),
    )
    closed_pool = Pool.objects.create(process=closed, name="Sorgenfri", amount=100_000)
    lamp = BudgetProject.objects.create(
        process=closed, pool=closed_pool, title="Lys på stien", cost=50_000, status="feasible"
    )
    receipt = services.ballot_cast(
        process_id=closed.pk, user=author, choice=pick(lamp), now=now - timedelta(days=20)
    )
    return {
        "process": process,
        "author": author,
        "officer": officer,
        "made": made,
        "voting": voting,
        "closed": closed,
        "receipt": receipt,
    }


@pytest.mark.parametrize("language", ["da", "sv"])
def test_idea_and_staff_pages_have_no_axe_violations(
    ideas_site: dict[str, Any], live_server: Any, new_context: Any, language: str
) -> None:
    site = ideas_site
    failures: list[str] = []
    public = [
        f"/borgerbudget/{site['process'].pk}/",
        f"/borgerbudget/{site['process'].pk}/ideer/",
        *(f"/borgerbudget/projekt/{p.pk}/" for p in site["made"]),
        f"/borgerbudget/{site['closed'].pk}/resultat/find/?kode={site['receipt']}",
    ]
    staff = [
        "/borgerbudget/personale/",
        f"/borgerbudget/personale/{site['process'].pk}/ideer/",
        f"/borgerbudget/personale/{site['voting'].pk}/papir/",
        "/borgerbudget/personale/genspil/",
    ]
    for width in (1280, 320):
        viewport = {"width": width, "height": 900}
        for user, paths in ((site["author"], public), (site["officer"], staff)):
            context = _signed_in(new_context, live_server, user, language, viewport=viewport)
            page = context.new_page()
            for path in paths:
                response = page.goto(live_server.url + path)
                assert response is not None and response.status == 200, path
                assert page.get_attribute("html", "lang") == language
                _axe(page, f"{path} [{language}, {width}px]", failures)
                if _overflow(page) > 0:
                    failures.append(f"{path} scrolls sideways at {width}px [{language}]")
            context.close()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("language", ["da", "sv"])
def test_sending_in_an_idea_in_the_browser(
    ideas_site: dict[str, Any], live_server: Any, new_context: Any, language: str
) -> None:
    site = ideas_site
    failures: list[str] = []
    context = _signed_in(new_context, live_server, site["author"], language)
    page = context.new_page()
    page.goto(f"{live_server.url}/borgerbudget/{site['process'].pk}/ideer/ny/")
    page.fill("#id_title", "Stor legeplads")
    page.fill("#id_description", "Med klatretårn og gynger.")
    page.fill("#id_estimated_cost", "150000")
    page.click("#send-idea")
    page.locator(".alert, .form-error-message, [role=alert]").first.wait_for()
    html = page.content()
    assert "100.000 kr" in html  # the cap: half of the pool
    assert page.input_value("#id_title") == "Stor legeplads"
    assert page.input_value("#id_description") == "Med klatretårn og gynger."
    _axe(page, f"idea form with an error [{language}]", failures)
    page.fill("#id_estimated_cost", "80000")
    page.click("#send-idea")
    page.wait_for_url("**/borgerbudget/projekt/*/")
    assert page.locator("h1").inner_text() == "Stor legeplads"
    assert _t(language, "Thank you. Your idea is sent in. The municipality will review it.") in (
        page.content()
    )
    _axe(page, f"the new idea's page [{language}]", failures)
    page.goto(f"{live_server.url}/borgerbudget/personale/genspil/")
    context.close()
    staff = _signed_in(new_context, live_server, site["officer"], language)
    page = staff.new_page()
    page.goto(f"{live_server.url}/borgerbudget/personale/genspil/")
    page.set_input_files(
        "#id_file", files=[{"name": "t.pb", "mimeType": "text/plain", "buffer": PB.encode()}]
    )
    page.select_option("#id_rule", "mes")
    page.click(".mb-replay-form button[type=submit]")
    page.locator(".mb-replay-table").wait_for()
    _axe(page, f"replay outcome [{language}]", failures)
    staff.close()
    assert not failures, "\n".join(failures)
