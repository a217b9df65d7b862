from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.http import Http404
from django.utils import timezone

from medborger.core.personal_data import export_all
from medborger.core.registry import resolve_target
from medborger.notifications.models import Follow, Notification
from medborger.notifications.selectors import (
    follows_of,
    is_following,
    notifications_for,
    unread_count,
)
from medborger.notifications.services import (
    NotFollowable,
    follow_add,
    follow_remove,
    notifications_mark_read,
    notify_followers,
)
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db


def _notify(target, *, actor=None, now=None, title="Status changed"):  # type: ignore[no-untyped-def]
    return notify_followers(
        target=target,
        event="topic.changed",
        title=title,
        body="Read more on the site.",
        url=target.get_absolute_url(),
        actor=actor,
        now=now or timezone.now(),
    )


def test_follow_and_unfollow(topic, make_user):
    user = make_user()
    follow = follow_add(user=user, target=topic)
    assert follow.municipality_id == topic.municipality_id
    assert is_following(user, topic)
    assert [item.target for item in follows_of(user)] == [topic]

    assert follow_remove(user=user, target=topic) is True
    assert not is_following(user, topic)
    assert follow_remove(user=user, target=topic) is False


def test_duplicate_follow_is_harmless(topic, make_user):
    user = make_user()
    first = follow_add(user=user, target=topic)
    second = follow_add(user=user, target=topic)
    assert first.pk == second.pk
    assert Follow.objects.filter(user=user).count() == 1


def test_unregistered_model_cannot_be_followed(municipality, make_user):
    with pytest.raises(NotFollowable):
        follow_add(user=make_user(), target=municipality)


def test_target_of_another_municipality_is_not_found(municipality, other_municipality, make_user):
    foreign = TopicFactory(municipality=other_municipality)
    with pytest.raises(Http404):
        resolve_target(
            label="testapp.topic",
            object_id=str(foreign.pk),
            municipality=municipality,
            feature="follows",
            user=make_user(),
        )


def test_notify_followers_skips_the_actor(topic, make_user):
    actor, follower = make_user("never"), make_user("never")
    follow_add(user=actor, target=topic)
    follow_add(user=follower, target=topic)

    created = _notify(topic, actor=actor)

    assert [n.recipient_id for n in created] == [follower.pk]
    assert not Notification.objects.filter(recipient=actor).exists()
    notification = Notification.objects.get(recipient=follower)
    assert notification.municipality_id == topic.municipality_id
    assert notification.url == topic.get_absolute_url()
    assert notification.read_at is None


def test_a_follower_who_may_no_longer_see_it_is_not_told(topic, make_user, monkeypatch):
    """A registration with a view permission (a draft, a booking request): a follower who has
    lost the right to see the object (a role taken away) gets no notification about it."""
    import dataclasses

    import rules

    from medborger.core import registry

    keeps, lost = make_user("never"), make_user("never")
    follow_add(user=keeps, target=topic)
    follow_add(user=lost, target=topic)
    label = topic._meta.label_lower
    hidden = dataclasses.replace(registry._REGISTRY[label], view_permission="tests.see_topic")
    monkeypatch.setitem(registry._REGISTRY, label, hidden)
    rules.add_perm("tests.see_topic", rules.predicate(lambda user, obj: user.pk == keeps.pk))
    try:
        created = _notify(topic)
    finally:
        rules.remove_perm("tests.see_topic")
    assert [n.recipient_id for n in created] == [keeps.pk]


def test_notify_without_followers_creates_nothing(topic):
    assert _notify(topic) == []


def test_never_gets_notifications_on_site_but_no_email(
    topic, make_user, django_capture_on_commit_callbacks
):
    user = make_user("never")
    follow_add(user=user, target=topic)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _notify(topic)
    assert callbacks == []
    assert mail.outbox == []
    assert unread_count(user) == 1


def test_mark_read(topic, make_user):
    user = make_user("never")
    follow_add(user=user, target=topic)
    _notify(topic, title="One")
    _notify(topic, title="Two")
    assert unread_count(user) == 2
    assert notifications_mark_read(user=user, now=timezone.now()) == 0  # no site, nothing marked
    assert (
        notifications_mark_read(user=user, now=timezone.now(), municipality=topic.municipality) == 2
    )
    assert unread_count(user) == 0
    assert (
        notifications_mark_read(user=user, now=timezone.now(), municipality=topic.municipality) == 0
    )


def test_notifications_for_is_newest_first_and_scoped(topic, make_user, other_municipality):
    user = make_user("never")
    follow_add(user=user, target=topic)
    other = TopicFactory(municipality=other_municipality)
    follow_add(user=user, target=other)
    now = timezone.now()
    _notify(topic, title="Older", now=now - timedelta(hours=1))
    _notify(topic, title="Newer", now=now)
    _notify(other, title="Elsewhere", now=now)

    page = notifications_for(user, municipality=topic.municipality)
    assert [n.title for n in page.object_list] == ["Newer", "Older"]
    assert unread_count(user, municipality=other_municipality) == 1


def test_personal_data_export_contains_follows_and_notifications(topic, make_user):
    user = make_user("never")
    follow_add(user=user, target=topic)
    _notify(topic, title="Exported")
    data = export_all(user)
    assert data["follows"][0]["object_type"] == "testapp.topic"
    assert data["follows"][0]["object_id"] == topic.pk
    assert data["notifications"][0]["title"] == "Exported"
