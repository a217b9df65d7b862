from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from medborger.notifications.models import Follow, Notification
from medborger.notifications.selectors import is_following
from medborger.notifications.services import follow_add, notify_followers
from tests.factories import TopicFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/notifikationer/"


def _follow_url(topic) -> str:  # type: ignore[no-untyped-def]
    return reverse("notifications:follow", args=["testapp.topic", topic.pk])


def _notify(target, title="Something changed"):  # type: ignore[no-untyped-def]
    return notify_followers(
        target=target,
        event="topic.changed",
        title=title,
        body="",
        url=target.get_absolute_url(),
        now=timezone.now(),
    )


def test_list_url_is_the_header_link():
    assert reverse("notifications:list") == LIST_URL


def test_anonymous_is_sent_to_sign_in(municipality, client_for):
    response = client_for(municipality).get(LIST_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_anonymous_follow_post_is_sent_to_sign_in(municipality, topic, client_for):
    response = client_for(municipality).post(_follow_url(topic), {"action": "follow"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()


def test_first_time_user_sees_the_empty_state(municipality, resident, client_for):
    response = client_for(municipality, resident, language="en").get(LIST_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "You do not follow anything yet." in content
    assert "You have no notifications yet." in content
    assert reverse("accounts:profile") in content


def test_follow_without_javascript_redirects_to_the_target(
    municipality, resident, topic, client_for
):
    client = client_for(municipality, resident)
    response = client.post(_follow_url(topic), {"action": "follow"})
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    assert is_following(resident, topic)

    # Clicking twice (or a double submit) is harmless.
    client.post(_follow_url(topic), {"action": "follow"})
    assert Follow.objects.filter(user=resident).count() == 1

    response = client.post(_follow_url(topic), {"action": "unfollow"})
    assert response.status_code == 302
    assert not is_following(resident, topic)


def test_follow_redirects_to_a_safe_next_only(municipality, resident, topic, client_for):
    client = client_for(municipality, resident)
    response = client.post(_follow_url(topic), {"action": "follow", "next": LIST_URL})
    assert response["Location"] == LIST_URL
    response = client.post(
        _follow_url(topic), {"action": "unfollow", "next": "https://evil.example/"}
    )
    assert response["Location"] == topic.get_absolute_url()


def test_follow_with_htmx_returns_the_button(municipality, resident, topic, client_for):
    client = client_for(municipality, resident, language="en")
    response = client.post(_follow_url(topic), {"action": "follow"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<form" in content and "<html" not in content
    assert 'value="unfollow"' in content
    assert "Stop following" in content
    assert is_following(resident, topic)

    response = client.post(_follow_url(topic), {"action": "unfollow"}, HTTP_HX_REQUEST="true")
    assert 'value="follow"' in response.content.decode()
    assert not is_following(resident, topic)


def test_bad_action_is_a_400(municipality, resident, topic, client_for):
    response = client_for(municipality, resident).post(_follow_url(topic), {"action": "x"})
    assert response.status_code == 400


def test_get_on_follow_url_leads_back_to_the_target(municipality, resident, topic, client_for):
    response = client_for(municipality, resident).get(_follow_url(topic))
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    assert not Follow.objects.exists()


def test_target_of_another_municipality_is_404(
    municipality, other_municipality, resident, client_for
):
    foreign = TopicFactory(municipality=other_municipality)
    response = client_for(municipality, resident).post(_follow_url(foreign), {"action": "follow"})
    assert response.status_code == 404
    assert not Follow.objects.exists()


def test_unregistered_label_is_404(municipality, resident, client_for):
    url = reverse("notifications:follow", args=["accounts.user", resident.pk])
    assert client_for(municipality, resident).post(url, {"action": "follow"}).status_code == 404


def test_follow_button_tag_on_a_page(municipality, resident, topic, client_for):
    from django.template import Context, Template
    from django.test import RequestFactory

    template = Template("{% load notifications_tags %}{% follow_button target %}")
    request = RequestFactory().get("/test/emne/1/")
    request.user = resident
    html = template.render(Context({"request": request, "target": topic}))
    assert _follow_url(topic) in html
    assert 'value="follow"' in html
    assert 'hx-post="' in html

    follow_add(user=resident, target=topic)
    html = template.render(Context({"request": request, "target": topic}))
    assert 'value="unfollow"' in html


def test_follow_button_for_anonymous_is_a_sign_in_link(topic):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/test/emne/1/")
    request.user = AnonymousUser()
    html = Template("{% load notifications_tags %}{% follow_button target %}").render(
        Context({"request": request, "target": topic})
    )
    assert "<form" not in html
    assert reverse("account_login") + "?next=/test/emne/1/" in html


def test_list_shows_notifications_and_follows(municipality, resident, topic, client_for):
    follow_add(user=resident, target=topic)
    _notify(topic, title="The playground opens")
    response = client_for(municipality, resident).get(LIST_URL)
    content = response.content.decode()
    assert "The playground opens" in content
    assert topic.title in content
    assert "You do not follow anything yet." not in content


def test_list_query_count_is_constant(municipality, resident, client_for):
    client = client_for(municipality, resident)

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as context:
            response = client.get(LIST_URL)
        assert response.status_code == 200
        shown = response.content.decode().count('class="mb-notification')
        assert shown == Notification.objects.filter(recipient=resident).count()
        return len(context.captured_queries)

    topic = TopicFactory(municipality=municipality)
    follow_add(user=resident, target=topic)
    _notify(topic)
    few = count_queries()

    for _ in range(5):
        more = TopicFactory(municipality=municipality)
        follow_add(user=resident, target=more)
        _notify(more)
        _notify(more)
    many = count_queries()
    assert Notification.objects.filter(recipient=resident).count() == 11
    assert many == few


def test_mark_all_read(municipality, resident, topic, client_for):
    follow_add(user=resident, target=topic)
    _notify(topic)
    _notify(topic)
    client = client_for(municipality, resident)
    assert client.get(reverse("notifications:mark_all_read")).status_code == 405
    response = client.post(reverse("notifications:mark_all_read"))
    assert response.status_code == 302
    assert response["Location"] == LIST_URL
    assert not Notification.objects.filter(recipient=resident, read_at__isnull=True).exists()


def test_open_marks_read_and_redirects(municipality, resident, topic, client_for, make_user):
    follow_add(user=resident, target=topic)
    (notification,) = _notify(topic)
    client = client_for(municipality, resident)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    notification.refresh_from_db()
    assert notification.read_at is not None

    someone_else = make_user()
    other_client = client_for(municipality, someone_else)
    response = other_client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 404


def test_a_notification_opens_only_on_its_own_municipalitys_site(
    municipality, other_municipality, client_for
):
    from django.utils import timezone

    from medborger.notifications.models import Notification
    from tests.factories import TopicFactory, UserFactory

    user = UserFactory()
    topic = TopicFactory(municipality=municipality)
    from django.contrib.contenttypes.models import ContentType

    note = Notification.objects.create(
        recipient=user,
        municipality=municipality,
        event="x",
        title="t",
        body="",
        url="/",
        content_type=ContentType.objects.get_for_model(topic),
        object_id=topic.pk,
        created_at=timezone.now(),
    )
    assert (
        client_for(other_municipality, user).get(f"/notifikationer/{note.pk}/").status_code == 404
    )
    assert client_for(municipality, user).get(f"/notifikationer/{note.pk}/").status_code == 302
