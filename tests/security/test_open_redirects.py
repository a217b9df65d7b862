"""Open redirects and sign-in paths.

Every view that takes a `next` (or similar) address sends the user only to this site: signing
in, signing up, signing out, the language switch, following, and a notification's link. The
addresses tried are the usual tricks: another host, a scheme-relative `//host`, the backslash
forms browsers read as `//`, a user-info `host@evil`, control characters and `javascript:`.

The Django admin's own sign-in form is closed: it would let staff in with a password alone,
without the TOTP step of django-allauth's sign-in (config/urls.py sends it to allauth's)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils.http import url_has_allowed_host_and_scheme

from medborger.notifications.models import Notification
from tests.factories import PASSWORD
from tests.security.conftest import HOST_A, World, rolled_back

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_limits() -> None:
    """allauth counts sign-ins per address in the cache; these tests sign in many times."""
    cache.clear()


EVIL = [
    "https://evil.example/",
    "http://evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "https:evil.example",
    "https:/evil.example",
    f"http://{HOST_A}@evil.example/",
    " //evil.example",
    "/\t/evil.example",
    "\x00//evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]


def stays_here(response: Any) -> bool:
    """The response does not send the browser to another site."""
    location = response.headers.get("Location")
    if location is None:
        return True
    parts = urlsplit(location)
    return (
        url_has_allowed_host_and_scheme(location, allowed_hosts={HOST_A})
        and parts.netloc in ("", HOST_A)
        and not location.lstrip().startswith(("//", "/\\", "\\"))
    )


@pytest.mark.parametrize("target", EVIL)
def test_signing_in_never_sends_you_off_site(world: World, target: str) -> None:
    user = world.users["res"]
    for where in ("query", "form"):
        client = world.client("anon")
        data = {"login": user.email, "password": PASSWORD}
        url = "/accounts/login/"
        if where == "query":
            url += "?" + _query(target)
        else:
            data["next"] = target
        cache.clear()
        with rolled_back():
            response = client.post(url, data)
        assert response.status_code == 302, (where, target)  # signed in
        assert stays_here(response), (where, target, response.headers["Location"])


@pytest.mark.parametrize("target", EVIL)
def test_a_signed_in_visitor_of_the_sign_in_page_stays_here(world: World, target: str) -> None:
    for page in ("/accounts/login/", "/accounts/signup/"):
        response = world.client("res").get(f"{page}?{_query(target)}")
        assert stays_here(response), (page, target, response.headers.get("Location"))


@pytest.mark.parametrize("target", EVIL)
def test_signing_out_never_sends_you_off_site(world: World, target: str) -> None:
    with rolled_back():
        in_query = world.client("res").post(f"/accounts/logout/?{_query(target)}")
        in_form = world.client("res").post("/accounts/logout/", {"next": target})
    assert stays_here(in_query) and stays_here(in_form), target


@pytest.mark.parametrize("target", EVIL)
def test_the_language_switch_never_sends_you_off_site(world: World, target: str) -> None:
    for role in ("anon", "res"):
        with rolled_back():
            response = world.client(role).post("/sprog/", {"language": "da", "next": target})
        assert response.status_code == 302
        assert stays_here(response), target


@pytest.mark.parametrize("target", EVIL)
def test_following_never_sends_you_off_site(world: World, target: str) -> None:
    url = f"/notifikationer/foelg/proposals.proposal/{world['proposal'].pk}/"
    with rolled_back():
        response = world.client("res").post(url, {"action": "follow", "next": target})
    assert response.status_code == 302
    assert stays_here(response), target


@pytest.mark.parametrize("target", [t for t in EVIL if "\x00" not in t])
def test_a_notification_never_links_off_site(world: World, target: str) -> None:
    """A notification's link is written by the site, but is checked on the way out all the same."""
    proposal = world["proposal"]
    with rolled_back():
        notification = Notification.objects.create(
            recipient=world.users["res"],
            municipality=world.a,
            event="test",
            content_type=ContentType.objects.get_for_model(proposal),
            object_id=proposal.pk,
            title="Nyt",
            url=target,
        )
        response = world.client("res").get(f"/notifikationer/{notification.pk}/")
    assert response.status_code == 302
    assert stays_here(response), target


def test_the_site_still_sends_you_on_to_a_page_of_its_own(world: World) -> None:
    """The other half: a local `next` is honoured, so the checks above are not vacuous."""
    user = world.users["res"]
    with rolled_back():
        response = world.client("anon").post(
            "/accounts/login/?next=/forslag/", {"login": user.email, "password": PASSWORD}
        )
    assert response.headers["Location"] == "/forslag/"
    with rolled_back():
        response = world.client("res").post("/sprog/", {"language": "da", "next": "/forslag/"})
    assert response.headers["Location"] == "/forslag/"


def _query(target: str) -> str:
    from urllib.parse import urlencode

    return urlencode({"next": target})


# --- the Django admin's own sign-in form -------------------------------------------------------


def test_the_admin_sign_in_form_cannot_skip_mfa(world: World) -> None:
    """A municipal admin with TOTP who posts only a password to /admin/login/ is not signed in:
    the admin's form is closed and sends everyone to allauth's sign-in, which asks for the code."""
    admin = world.users["adm"]
    client = world.client("anon")
    with rolled_back():
        response = client.post(
            "/admin/login/?next=/admin/", {"username": admin.email, "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/accounts/login/")
        assert client.get("/admin/").headers["Location"].startswith("/admin/login/")
        assert client.get("/personale/").headers["Location"].startswith("/accounts/login/")
    # allauth's sign-in asks for the second factor before anything else.
    with rolled_back():
        response = client.post("/accounts/login/", {"login": admin.email, "password": PASSWORD})
        assert response.headers["Location"] == "/accounts/2fa/authenticate/"
        assert client.get("/personale/").status_code == 302


def test_the_admin_sign_in_page_sends_you_to_the_sites_sign_in(world: World) -> None:
    response = world.client("anon").get("/admin/login/?next=https://evil.example/")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/accounts/login/") and stays_here(response)
    assert world.client("res").get("/admin/login/").status_code == 403  # not staff
    assert world.client("adm").get("/admin/login/").headers["Location"] == "/admin/"
