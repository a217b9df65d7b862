"""Implementation pages in a real browser: no axe-core WCAG 2.1 A/AA violation and no sideways
scrolling at phone width, on the public pages and the staff pages with a red row."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.test import Client

from medborger.implementation import services
from tests.browser.conftest import format_violations, run_axe
from tests.factories import MunicipalityFactory, UserFactory, grant
from tests.implementation.conftest import (
    DECIDED_ON,
    VISIBLE_DUE,
    at,
    make_process,
    make_project,
    photo_file,
)


@pytest.fixture
def site(transactional_db) -> Any:
    return MunicipalityFactory(
        slug="browserby", name="Browserby Kommune", hosts="localhost\n127.0.0.1"
    )


@pytest.mark.browser
def test_pages_have_no_axe_violations(site, new_context, live_server):
    officer = grant(UserFactory(name="Mette Sagsbehandler"), "case_officer", site)
    process = make_process(site)
    red = make_project(process, title="Blomstereng ved stationen")
    shown = make_project(process, title="Bænke i parken", cost=40_000)
    services.delivery_start(project=red, actor=officer, now=at(DECIDED_ON, 20))
    delivery = services.delivery_start(project=shown, actor=officer, now=at(DECIDED_ON, 20))
    services.spend_add(
        delivery_id=delivery.pk,
        actor=officer,
        spent_on=date(2026, 4, 1),
        amount=Decimal("45000"),
        purpose="Bænke og montering",
        now=at(date(2026, 4, 1)),
    )
    services.milestone_add(
        delivery_id=delivery.pk,
        actor=officer,
        title="Bænkene sættes op",
        due_on=date(2026, 4, 20),
        now=at(date(2026, 4, 1)),
    )
    services.delivery_status_change(
        delivery_id=delivery.pk,
        actor=officer,
        status="visible_result",
        reason="",
        now=at(date(2026, 4, 21)),
    )
    services.update_post(
        delivery_id=delivery.pk,
        actor=officer,
        text="Bænkene står klar.",
        photos=[services.PhotoUpload(image=photo_file(), alt_text="To nye bænke ved stien")],
        now=at(date(2026, 4, 21)),
    )
    failures: list[str] = []
    with time_machine.travel(at(VISIBLE_DUE + timedelta(days=3)), tick=True):
        client = Client()
        client.force_login(officer)
        for language in ("da", "en"):
            context = new_context(language, bypass_csp=True)
            context.add_cookies(
                [
                    {
                        "name": "sessionid",
                        "value": client.cookies["sessionid"].value,
                        "url": live_server.url,
                    }
                ]
            )
            page = context.new_page()
            for width in (320, 1280):
                page.set_viewport_size({"width": width, "height": 900})
                for path in (
                    "/gennemfoerelse/",
                    f"/gennemfoerelse/{shown.pk}/",
                    f"/gennemfoerelse/{red.pk}/",
                    "/gennemfoerelse/personale/",
                    f"/gennemfoerelse/personale/{red.pk}/",
                    f"/gennemfoerelse/personale/{shown.pk}/",
                ):
                    where = f"{path} [{language}, {width}px]"
                    response = page.goto(path)
                    assert response is not None and response.status == 200, where
                    overflow = page.evaluate(
                        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
                    )
                    if overflow > 0:
                        wide = page.evaluate(
                            """() => [...document.querySelectorAll('body *')]
                                .filter(e => !e.closest('.mb-table-wrap') && e.getBoundingClientRect().right > window.innerWidth + 1)
                                .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)"""
                        )
                        failures.append(f"{where}: scrolls sideways by {overflow}px {wide}")
                    violations = run_axe(page)
                    if violations:
                        failures.append(format_violations(where, violations))
    assert not failures, "\n".join(failures)
