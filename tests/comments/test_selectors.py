import pytest

from medborger.comments.selectors import (
    comment_ids_reported_by,
    comments_for,
    moderation_queue,
    queue_items,
    walk,
)
from medborger.comments.services import comment_create, comment_report
from tests.factories import TopicFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(municipality):
    return TopicFactory(municipality=municipality)


def test_comments_for_builds_a_tree(topic, resident):
    a = comment_create(author=resident, target=topic, body="A")
    b = comment_create(author=resident, target=topic, body="B")
    a1 = comment_create(author=resident, target=topic, body="A1", parent=a)
    a1x = comment_create(author=resident, target=topic, body="A1x", parent=a1)
    a2 = comment_create(author=resident, target=topic, body="A2", parent=a)
    comment_create(author=resident, target=TopicFactory(municipality=topic.municipality), body="X")
    roots = comments_for(target=topic)
    assert [n.comment for n in roots] == [a, b]
    assert [n.comment for n in roots[0].replies] == [a1, a2]
    assert [n.comment for n in roots[0].replies[0].replies] == [a1x]
    assert [n.comment.body for n in walk(roots)] == ["A", "A1", "A1x", "A2", "B"]


def test_comments_for_is_one_query(topic, resident, django_assert_num_queries):
    parent = None
    for n in range(8):
        parent = comment_create(author=UserFactory(), target=topic, body=f"{n}", parent=parent)
    with django_assert_num_queries(1):
        nodes = walk(comments_for(target=topic))
        names = [n.comment.author_name for n in nodes]
    assert len(names) == 8


def test_reported_ids(topic, resident):
    a = comment_create(author=UserFactory(), target=topic, body="A")
    comment_create(author=UserFactory(), target=topic, body="B")
    comment_report(reporter=resident, comment=a, reason="spam")
    assert comment_ids_reported_by(user=resident, target=topic) == {a.pk}


def test_moderation_queue_is_per_municipality_and_ordered(
    topic, resident, municipality, other_municipality, django_assert_num_queries
):
    municipality.comment_auto_hide_reports = 2
    municipality.save()
    once = comment_create(author=resident, target=topic, body="once")
    comment_report(reporter=UserFactory(), comment=once, reason="spam")
    twice_visible = comment_create(author=resident, target=topic, body="older")
    auto = comment_create(author=resident, target=topic, body="auto")
    for _n in range(2):
        comment_report(reporter=UserFactory(), comment=auto, reason="abuse")
    comment_report(reporter=UserFactory(), comment=twice_visible, reason="spam")
    elsewhere = TopicFactory(municipality=other_municipality)
    far = comment_create(author=UserFactory(), target=elsewhere, body="far")
    comment_report(reporter=UserFactory(), comment=far, reason="spam")

    queue = list(moderation_queue(municipality=municipality))
    assert [c.body for c in queue] == ["auto", "once", "older"]
    with django_assert_num_queries(3):  # comments, open reports, targets
        items = queue_items(list(moderation_queue(municipality=municipality)))
        assert [len(i.comment.open_reports) for i in items] == [2, 1, 1]
    assert items[0].target == topic
    assert items[0].target_url.endswith(f"#comment-{auto.pk}")
