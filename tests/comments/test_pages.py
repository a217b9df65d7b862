"""Long threads come in pages of top-level comments, each with all its replies: the page stays fast
with thousands of comments (bench/http.py), and every comment can still be read and linked to."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from medborger.comments import selectors
from medborger.comments.models import Comment
from medborger.comments.selectors import comment_threads, thread_page_of, walk
from medborger.comments.services import comment_create, comment_report
from tests.factories import TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
PER_PAGE = 3


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    monkeypatch.setattr(selectors, "THREADS_PER_PAGE", PER_PAGE)


@pytest.fixture
def topic(municipality):
    return TopicFactory(municipality=municipality, title="Ny legeplads")


@pytest.fixture
def thread(topic, resident):
    """Seven top-level comments T0..T6; T1 has a reply chain three deep, T5 one reply."""
    roots = [comment_create(author=UserFactory(), target=topic, body=f"T{n}") for n in range(7)]
    r1 = comment_create(author=resident, target=topic, body="T1.a", parent=roots[1])
    r2 = comment_create(author=UserFactory(), target=topic, body="T1.a.i", parent=r1)
    r3 = comment_create(author=UserFactory(), target=topic, body="T1.a.i.x", parent=r2)
    r5 = comment_create(author=UserFactory(), target=topic, body="T5.a", parent=roots[5])
    return roots, {"r1": r1, "r2": r2, "r3": r3, "r5": r5}


def page_url(topic):
    return f"/test/emne/{topic.pk}/"


def bodies(page):
    return [node.comment.body for node in walk(page.nodes)]


def test_pages_hold_threads_with_all_their_replies(topic, thread):
    first = comment_threads(target=topic, page=1)
    assert bodies(first) == ["T0", "T1", "T1.a", "T1.a.i", "T1.a.i.x", "T2"]
    assert (first.number, first.pages, first.threads, first.total) == (1, 3, 7, 11)
    assert not first.has_previous and first.has_next
    assert bodies(comment_threads(target=topic, page=2)) == ["T3", "T4", "T5", "T5.a"]
    last = comment_threads(target=topic, page=3)
    assert bodies(last) == ["T6"] and last.has_previous and not last.has_next


def test_every_comment_is_on_exactly_one_page(topic, thread):
    seen = [body for n in (1, 2, 3) for body in bodies(comment_threads(target=topic, page=n))]
    assert sorted(seen) == sorted(Comment.objects.values_list("body", flat=True))


def test_a_page_number_out_of_range_is_clamped(topic, thread):
    assert comment_threads(target=topic, page=0).number == 1
    assert comment_threads(target=topic, page=99).number == 3
    empty = comment_threads(target=TopicFactory(municipality=topic.municipality), page=5)
    assert (empty.nodes, empty.number, empty.pages, empty.total) == ([], 1, 1, 0)


def test_a_page_is_three_queries_however_many_comments(topic, thread, resident):
    with CaptureQueriesContext(connection) as few:
        comment_threads(target=topic, page=1)
    for n in range(20):
        parent = comment_create(author=UserFactory(), target=topic, body=f"ny {n}")
        comment_create(author=resident, target=topic, body=f"svar {n}", parent=parent)
    with CaptureQueriesContext(connection) as many:
        page = comment_threads(target=topic, page=4)
        assert [n.comment.author_name for n in walk(page.nodes)]
    assert len(many) == len(few) == 3


def test_the_page_of_a_comment_is_the_page_of_its_thread(topic, thread):
    roots, replies = thread
    assert thread_page_of(comment=roots[0]) == 1
    assert thread_page_of(comment=replies["r3"]) == 1
    assert thread_page_of(comment=roots[3]) == 2
    assert thread_page_of(comment=replies["r5"]) == 2
    assert thread_page_of(comment=roots[6]) == 3


def shows(html: str, body: str) -> bool:
    """The comment text stands on the page as a word of its own: a random CSRF token or nonce
    may contain "T3" too."""
    return re.search(rf"(?<![\w/+=.]){re.escape(body)}(?![\w/+=.])", html) is not None


def test_the_page_shows_one_page_and_links_to_the_next(topic, thread, municipality, client_for):
    client = client_for(municipality, language="en")
    html = client.get(page_url(topic)).content.decode()
    assert shows(html, "T2") and not shows(html, "T3")
    assert "Comments <span" in html and "(11)" in html  # the count is every comment
    assert "Page 1 of 3" in html
    later = re.search(r'href="([^"]*kommentarside=2[^"]*)"[^>]*>Later comments', html)
    assert later is not None
    assert later.group(1) == f"{page_url(topic)}?kommentarside=2#comments-testapp-topic-{topic.pk}"
    second = client.get(f"{page_url(topic)}?kommentarside=2").content.decode()
    assert shows(second, "T3") and shows(second, "T5.a") and not shows(second, "T2")
    assert "Earlier comments" in second and "Later comments" in second


def test_a_link_to_a_comment_opens_its_page(topic, thread, municipality, client_for):
    _roots, replies = thread
    html = (
        client_for(municipality, language="en")
        .get(f"{page_url(topic)}?kommentar={replies['r5'].pk}")
        .content.decode()
    )
    assert f'id="comment-{replies["r5"].pk}"' in html and "Page 2 of 3" in html


@pytest.mark.parametrize(
    "query",
    [
        "kommentarside=abc",
        "kommentarside=-1",
        "kommentar=999999",
        # Digits that str.isdigit() accepts but int() does not.
        "kommentarside=%C2%B2",
        "kommentar=%C2%B2",
        "kommentarside=%E2%91%A0",
    ],
)
def test_bad_page_parameters_show_the_first_page(topic, thread, municipality, client_for, query):
    response = client_for(municipality, language="en").get(f"{page_url(topic)}?{query}")
    assert response.status_code == 200
    assert "Page 1 of 3" in response.content.decode()


def test_a_comment_of_another_object_is_not_looked_up(topic, thread, municipality, client_for):
    elsewhere = comment_create(
        author=UserFactory(), target=TopicFactory(municipality=municipality), body="andet sted"
    )
    html = (
        client_for(municipality, language="en")
        .get(f"{page_url(topic)}?kommentar={elsewhere.pk}")
        .content.decode()
    )
    assert "Page 1 of 3" in html and "andet sted" not in html


def test_a_reply_without_javascript_returns_to_its_page(
    topic, thread, resident, municipality, client_for
):
    roots, _replies = thread
    response = client_for(municipality, resident).post(
        f"/kommentarer/ny/testapp.topic/{topic.pk}/", {"body": "Svar på T4", "parent": roots[4].pk}
    )
    reply = Comment.objects.get(body="Svar på T4")
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(topic)}?kommentarside=2#comment-{reply.pk}"


def test_a_new_comment_with_htmx_shows_the_page_it_is_on(
    topic, thread, resident, municipality, client_for
):
    response = client_for(municipality, resident, language="en").post(
        f"/kommentarer/ny/testapp.topic/{topic.pk}/", {"body": "Den nyeste"}, **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Den nyeste" in html and "Page 3 of 3" in html and not shows(html, "T0")


def test_the_moderation_queue_links_to_the_page_of_the_comment(topic, thread, resident):
    _roots, replies = thread
    comment_report(reporter=resident, comment=replies["r5"], reason="spam")
    items = selectors.queue_items(list(selectors.moderation_queue(municipality=topic.municipality)))
    assert items[0].target_url == (
        f"{page_url(topic)}?kommentar={replies['r5'].pk}#comment-{replies['r5'].pk}"
    )
