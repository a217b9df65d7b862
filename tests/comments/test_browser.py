"""The comment section in a real browser: htmx posts, a refused post that keeps the text, axe."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from medborger.comments.models import Comment
from medborger.comments.services import comment_create
from tests.browser.conftest import format_violations, run_axe
from tests.factories import MunicipalityFactory, TopicFactory, UserFactory


@pytest.fixture
def site(transactional_db) -> Any:
    return MunicipalityFactory(
        slug="browserby", name="Browserby Kommune", hosts="localhost\n127.0.0.1"
    )


def signed_in(new_context: Any, live_server: Any, user: Any) -> Any:
    client = Client()
    client.force_login(user)
    context = new_context("en", bypass_csp=True)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context


@pytest.mark.browser
def test_comment_with_htmx_and_a_refusal_that_keeps_the_text(site, new_context, live_server):
    topic = TopicFactory(municipality=site, title="Ny legeplads")
    comment_create(author=UserFactory(name="Anna"), target=topic, body="Hej **alle**")
    page = signed_in(new_context, live_server, UserFactory(name="Bo")).new_page()
    page.goto(f"/test/emne/{topic.pk}/")
    page.evaluate("() => { window.notReloaded = true; }")

    textarea = page.locator(f"#comments-testapp-topic-{topic.pk}-new-body")
    textarea.fill("Et godt forslag")
    page.get_by_role("button", name="Publish comment").click()
    page.get_by_text("Your comment is published.").wait_for()
    assert page.evaluate("() => window.notReloaded === true")
    assert Comment.objects.filter(body="Et godt forslag").exists()

    too_long = "x" * 5001
    page.evaluate(
        """([selector, text]) => {
            const el = document.querySelector(selector);
            el.removeAttribute("maxlength");
            el.value = text;
        }""",
        [f"#comments-testapp-topic-{topic.pk}-new-body", too_long],
    )
    page.get_by_role("button", name="Publish comment").click()
    page.get_by_text("Yours is 5001", exact=False).first.wait_for()
    assert page.locator(f"#comments-testapp-topic-{topic.pk}-new-body").input_value() == too_long
    assert page.evaluate("() => window.notReloaded === true")

    first = Comment.objects.get(body="Hej **alle**")
    page.locator(f"#comment-{first.pk} summary").first.click()
    page.locator(f"#comment-{first.pk}-reply-body").fill("Et svar")
    page.get_by_role("button", name="Publish answer").first.click()
    page.locator(f"#comment-{first.pk} .mb-comment-replies .mb-comment-body").get_by_text(
        "Et svar"
    ).wait_for()
    assert Comment.objects.get(body="Et svar").parent == first
    assert page.evaluate("() => window.notReloaded === true")

    violations = run_axe(page)
    assert not violations, format_violations("topic with comments", violations)
