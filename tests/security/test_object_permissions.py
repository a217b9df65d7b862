"""Object-level permissions: somebody else's things, and another municipality's.

The matrix (test_authorization_matrix.py) shows what each role gets on one object of each kind;
here the same URLs are asked for with objects the asker must not reach, and the database is
checked to be unchanged after each refusal:

- every URL that names an object, asked on A's site with B's object (by A's own admin and by a
  verified resident of A): 404, as if it did not exist (a POST to a page that only answers GET
  may say 405 first: it looks nothing up);
- every such URL asked on B's site with A's object, by B's admin: the same;
- the residents' own things (a draft proposal, an application, a booking request, a hearing
  response, a comment, a notification, a budget idea) tried by another resident: 403 or 404,
  and nothing changes;
- a hidden thing (a draft proposal, someone else's booking request, an unpublished hearing, a
  closed co-creation group) cannot be commented on, followed or named through the comment and
  follow URLs, which take any registered object by its id.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from medborger.notifications.models import Follow
from tests.security.conftest import HOST_B, World, recording_writes, rolled_back
from tests.security.test_authorization_matrix import KWARGS

pytestmark = pytest.mark.django_db

# URLs whose arguments name no object of a municipality.
NOT_OBJECTS = {
    "places:info_page",
    "places:info_page_edit",
    "account_confirm_email",
    "account_reset_password_from_key",
    "openid_connect_login",
    "openid_connect_callback",
}
OBJECT_URLS = sorted(set(KWARGS) - NOT_OBJECTS)


class Things:
    """Looks like the world to KWARGS, but hands out another set of things."""

    def __init__(self, things: dict[str, Any]) -> None:
        self.things = things

    def __getitem__(self, name: str) -> Any:
        return self.things[name]


def status(response: Any) -> int:
    return int(response.status_code)


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_another_municipalitys_object_is_not_found_on_this_site(
    world: World, b_things: dict[str, Any], name: str
) -> None:
    url = reverse(name, kwargs=KWARGS[name](Things(b_things)))  # type: ignore[arg-type]
    for role in ("adm", "ver"):
        for method, refused in (("get", {404}), ("post", {404, 405})):
            with rolled_back(), recording_writes() as written:
                response = getattr(world.client(role), method)(url)
            assert status(response) in refused, f"{method.upper()} {url} as {role} on A's site"
            assert not written, f"{method.upper()} {url} as {role} wrote to {written}"


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_this_municipalitys_object_is_not_found_on_another_site(world: World, name: str) -> None:
    url = reverse(name, kwargs=KWARGS[name](world))
    for method, refused in (("get", {404}), ("post", {404, 405})):
        with rolled_back(), recording_writes() as written:
            response = getattr(world.client("admB", host=HOST_B), method)(url)
        assert status(response) in refused, f"{method.upper()} {url} as B's admin on B's site"
        assert not written, f"{method.upper()} {url} as B's admin wrote to {written}"


# --- somebody else's things -------------------------------------------------------------------


def test_another_residents_draft_proposal(world: World) -> None:
    draft = world["draft"]
    client = world.client("res")
    assert status(client.get(f"/forslag/{draft.pk}/")) == 404
    # The edit URL does not tell that a draft with this id exists, either.
    assert status(client.get(f"/forslag/{draft.pk}/ret/")) == 404
    with rolled_back():
        edited = client.post(
            f"/forslag/{draft.pk}/ret/",
            {"title": "Overtaget", "summary": "x", "body": "x", "area": world["district"].pk},
        )
        submitted = client.post(f"/forslag/{draft.pk}/indsend/")
        withdrawn = client.post(f"/forslag/{draft.pk}/traek-tilbage/")
        draft.refresh_from_db()
        assert (draft.title, draft.state) == ("Mit hemmelige udkast", "draft")
    assert (status(edited), status(submitted), status(withdrawn)) == (404, 404, 404)
    # Nor is it listed anywhere, or known to the API.
    for url in ("/forslag/?status=all", "/forslag/eksport.csv", "/forslag/feed/"):
        assert "hemmelige" not in client.get(url).content.decode(), url
    assert "hemmelige" not in client.get("/api/v1/proposals").content.decode()
    assert status(client.get(f"/api/v1/proposals/{draft.pk}")) == 404
    # Its author sees and edits it.
    assert status(world.client("ver").get(f"/forslag/{draft.pk}/ret/")) == 200


def test_another_residents_fasttrack_application(world: World) -> None:
    application = world["application"]
    client = world.client("res")
    with rolled_back():
        assert status(client.get(f"/hurtigpuljen/ansoegning/{application.pk}/")) == 404
        report = client.post(
            f"/hurtigpuljen/ansoegning/{application.pk}/rapport/", {"text": "Overtaget"}
        )
        assert status(report) == 404
        application.refresh_from_db()
        assert application.state == "submitted"
    assert "Sankthansbål" not in client.get("/hurtigpuljen/mine/").content.decode()


def test_another_residents_booking_request(world: World) -> None:
    booking = world["booking"]
    client = world.client("res")
    with rolled_back():
        assert status(client.get(f"/lokaler/anmodning/{booking.pk}/")) == 404
        assert status(client.post(f"/lokaler/anmodning/{booking.pk}/annuller/")) == 404
        booking.refresh_from_db()
        assert booking.state == "requested"
    assert "Korprøve" not in client.get("/lokaler/mine/").content.decode()


def test_another_residents_hearing_response(world: World) -> None:
    response, attachment = world["response"], world["attachment"]
    client = world.client("res")
    file_url = f"/hoeringer/svar/{response.pk}/fil/{attachment.pk}/"
    assert status(client.get(file_url)) == 403
    assert status(client.get(f"/hoeringer/personale/svar/{response.pk}/")) == 403
    with rolled_back():
        # Responding to the same hearing makes the resident's own response, never edits theirs.
        client.post(f"/hoeringer/{world['hearing'].pk}/svar/", {"comment": "Overtaget"})
        response.refresh_from_db()
        assert response.comment == "Pas på strandengen."
    assert status(world.client("ver").get(file_url)) == 200


def test_another_residents_comment(world: World) -> None:
    comment = world["comment"]
    client = world.client("res")
    with rolled_back():
        assert status(client.post(f"/kommentarer/{comment.pk}/ret/", {"body": "Overtaget"})) == 403
        assert status(client.post(f"/kommentarer/{comment.pk}/skjul/", {"reason": "x"})) == 403
        comment.refresh_from_db()
        assert (comment.body, comment.is_hidden) == ("Godt forslag!", False)


def test_another_residents_notification(world: World) -> None:
    notification = world["notification"]
    with rolled_back():
        assert status(world.client("res").get(f"/notifikationer/{notification.pk}/")) == 404
        world.client("res").post("/notifikationer/laest/")
        notification.refresh_from_db()
        assert notification.read_at is None


def test_another_residents_budget_idea(world: World) -> None:
    project = world["project"]
    with rolled_back():
        reply = world.client("res").post(
            f"/borgerbudget/projekt/{project.pk}/svar/", {"reply": "Overtaget"}
        )
        assert status(reply) in (400, 403)
        project.refresh_from_db()
        assert project.author_reply == ""


# --- comments and follows name any registered object by its id --------------------------------


def hidden(world: World, label: str) -> Any:
    """A thing an unverified resident with no part in it must not see (hidden here, in the
    rolled-back block the test runs in)."""
    from medborger.cocreation.models import CoCreationGroup
    from medborger.hearings.models import Hearing

    if label == "hearings.hearing":
        Hearing.objects.filter(pk=world["hearing"].pk).update(is_published=False)
        return world["hearing"]
    if label == "cocreation.cocreationgroup":
        CoCreationGroup.objects.filter(pk=world["group"].pk).update(is_public=False)
        return world["group"]
    return world["draft"] if label == "proposals.proposal" else world["booking"]


HIDDEN = [
    "proposals.proposal",  # somebody's draft
    "premises.bookingrequest",  # somebody's booking request
    "hearings.hearing",  # an unpublished hearing
    "cocreation.cocreationgroup",  # a closed group
]


@pytest.mark.parametrize("label", HIDDEN)
def test_a_hidden_thing_cannot_be_followed_or_named(world: World, label: str) -> None:
    client = world.client("res")
    with rolled_back():
        thing = hidden(world, label)
        follow = f"/notifikationer/foelg/{label}/{thing.pk}/"
        assert status(client.get(follow)) == 404
        assert status(client.post(follow, {"action": "follow"})) == 404
        assert not Follow.objects.filter(user=world.users["res"]).exists()
    if label == "proposals.proposal":
        comment = f"/kommentarer/ny/{label}/{thing.pk}/"
        page = client.get(comment)
        assert status(page) == 404
        assert "hemmelige" not in page.content.decode()
        with rolled_back():
            assert status(client.post(comment, {"body": "Hej"})) == 404


@pytest.mark.parametrize("label", HIDDEN)
def test_a_follower_who_lost_sight_of_it_may_still_unfollow(world: World, label: str) -> None:
    """Followed while it could be seen (here: a follow row as a follow_add would leave), then
    hidden from the follower: unfollowing still works; following again does not."""
    from django.contrib.contenttypes.models import ContentType

    client = world.client("res")
    with rolled_back():
        thing = hidden(world, label)
        Follow.objects.create(
            user=world.users["res"],
            content_type=ContentType.objects.get_for_model(thing),
            object_id=thing.pk,
            municipality_id=thing.municipality_id,
        )
        url = f"/notifikationer/foelg/{label}/{thing.pk}/"
        done = client.post(url, {"action": "unfollow", "next": "/notifikationer/"})
        assert status(done) == 302 and done["Location"] == "/notifikationer/"
        assert not Follow.objects.filter(user=world.users["res"]).exists()
        assert status(client.post(url, {"action": "unfollow"})) == 404  # no longer a follower
        assert status(client.post(url, {"action": "follow"})) == 404


def test_a_visible_thing_can_still_be_followed(world: World) -> None:
    with rolled_back():
        response = world.client("res").post(
            f"/notifikationer/foelg/proposals.proposal/{world['proposal'].pk}/",
            {"action": "follow"},
        )
        assert status(response) == 302
        assert Follow.objects.filter(user=world.users["res"]).count() == 1
    # The author of a draft may follow it, and staff may follow a booking request.
    with rolled_back():
        own = world.client("ver").post(
            f"/notifikationer/foelg/proposals.proposal/{world['draft'].pk}/", {"action": "follow"}
        )
        staff = world.client("off").post(
            f"/notifikationer/foelg/premises.bookingrequest/{world['booking'].pk}/",
            {"action": "follow"},
        )
        assert (status(own), status(staff)) == (302, 302)


# --- the Django admin: B's admin and A's rows -----------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "places/area/{district}/change/",
        "accounts/user/{res}/change/",
        "proposals/proposal/{draft}/change/",
        "hearings/hearingresponse/{response}/change/",
        "premises/bookingrequest/{booking}/change/",
    ],
)
def test_b_admin_does_not_see_as_rows_in_the_django_admin(world: World, path: str) -> None:
    url = "/admin/" + path.format(
        district=world["district"].pk,
        res=world.users["res"].pk,
        draft=world["draft"].pk,
        response=world["response"].pk,
        booking=world["booking"].pk,
    )
    assert status(world.client("adm").get(url)) == 200
    refused = world.client("admB").get(url)
    assert status(refused) == 302 and refused.headers["Location"] == "/admin/"
    listing = world.client("admB").get(
        "/admin/" + path.split("/")[0] + "/" + path.split("/")[1] + "/"
    )
    assert status(listing) == 200
