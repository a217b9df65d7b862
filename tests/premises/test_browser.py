"""The premises pages in Debian's Chromium: every page of the demo, in Danish and Swedish (and
English), at phone and desktop width, anonymous, as an entrepreneur and as the case officer, with
no WCAG 2.1 A/AA violation that axe-core finds and no sideways scrolling; and a clashing request is
refused with the typed text kept."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from medborger.core.demo import load_foundation
from medborger.domain.lifecycle.premises import iso_week
from medborger.premises.demo import load_premises
from medborger.premises.models import BookingRequest, Premises
from tests.browser.conftest import format_violations, run_axe

LANGUAGES = ["da", "sv", "en"]
WIDTHS = [320, 1280]


@pytest.fixture
def site(transactional_db: Any) -> dict[str, Any]:
    context = load_foundation()
    load_premises(context)
    job_cafe = BookingRequest.objects.get(title__startswith="Jobcafé")
    return {
        "school": Premises.objects.get(name="Den gamle skole i Kirkeby"),
        "job_cafe": job_cafe,
        "waiting": BookingRequest.objects.filter(state="requested").order_by("pk").first(),
        "rejected": BookingRequest.objects.get(state="rejected"),
        "official": context.staff["case_officer"],
        "entrepreneur": job_cafe.requester,
    }


def _signed_in(new_context: Any, live_server: Any, user: Any, language: str) -> Any:
    client = Client()
    client.force_login(user)
    context = new_context(language, bypass_csp=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_premises_pages_have_no_axe_violations(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    school = site["school"]
    next_week = iso_week(timezone.localdate() + timedelta(days=7))
    pages = [
        (None, "/lokaler/"),
        (None, "/lokaler/kalender/"),
        (None, f"/lokaler/kalender/?uge={next_week}"),
        (None, f"/lokaler/{school.pk}/?uge={next_week}"),
        ("entrepreneur", f"/lokaler/{school.pk}/anmod/"),
        ("entrepreneur", "/lokaler/mine/"),
        ("entrepreneur", f"/lokaler/anmodning/{site['job_cafe'].pk}/"),
        ("official", "/lokaler/personale/"),
        ("official", f"/lokaler/personale/{site['waiting'].pk}/"),
        ("official", f"/lokaler/personale/{site['rejected'].pk}/"),
    ]
    tabs = {
        None: new_context(language, bypass_csp=True).new_page(),
        "entrepreneur": _signed_in(
            new_context, live_server, site["entrepreneur"], language
        ).new_page(),
        "official": _signed_in(new_context, live_server, site["official"], language).new_page(),
    }
    failures: list[str] = []
    for width in WIDTHS:
        for who, path in pages:
            tab = tabs[who]
            tab.set_viewport_size({"width": width, "height": 900})
            where = f"{path} as {who or 'anonymous'} [{language}, {width}px]"
            response = tab.goto(path)
            assert response is not None and response.status == 200, where
            assert tab.get_attribute("html", "lang") == language, where
            overflow = tab.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            if overflow > 0:
                failures.append(f"{where}: scrolls sideways by {overflow}px")
            violations = run_axe(tab)
            if violations:
                failures.append(format_violations(where, violations))
    assert not failures, "\n\n".join(failures)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["da", "sv"])
def test_a_clashing_request_is_refused_and_the_text_kept(
    site: dict[str, Any], new_context: Any, live_server: Any, language: str
) -> None:
    school = site["school"]
    choir = BookingRequest.objects.filter(title__startswith="Korprøve").get()
    first = timezone.localtime(choir.starts_at)
    page = _signed_in(new_context, live_server, site["entrepreneur"], language).new_page()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/lokaler/{school.pk}/anmod/")
        page.fill("#id_title", "Fællesspisning")
        page.fill("#id_purpose", "Vi laver mad sammen – alle er velkomne.")
        page.fill("#id_participants", "30")
        page.fill("#id_day", first.date().isoformat())
        page.fill("#id_start_time", "20:00")
        page.fill("#id_end_time", "21:00")
        page.check("input[name=requester_kind][value=entrepreneur]")
        page.fill("#id_initiative_name", "Madfællesskabet")
        page.fill("#id_responsible_phone", "20 30 40 50")
        with page.expect_navigation() as navigation:
            page.click("#send-request")
        assert navigation.value is not None and navigation.value.status == 400
        assert "19:00" in page.inner_text("main") and "21:30" in page.inner_text("main")
        assert page.input_value("#id_purpose") == "Vi laver mad sammen – alle er velkomne."
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"refused request scrolls sideways at {width}px"
        violations = run_axe(page)
        assert not violations, format_violations(
            f"refused request [{language}, {width}]", violations
        )
    assert not BookingRequest.objects.filter(title="Fællesspisning").exists()
