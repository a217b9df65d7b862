"""CSRF: a state-changing POST without the CSRF token is refused (403) for a signed-in user, and
changes nothing; the same POST with the token gets through (so the refusal is the CSRF layer's,
not the rule's). The open-data API has no unsafe methods at all.

The sample covers the residents' actions (support, ballot, comment, follow, meeting
registration, hearing response), staff actions (a fast-track decision, a booking decision, a
co-creation decision), account actions (language, sign-out, deleting the account) and the Django
admin."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings

from tests.security.conftest import World, recording_writes, rolled_back

pytestmark = pytest.mark.django_db

# (what, role, URL from the world, the body a real form would send)
Sample = tuple[str, str, Callable[[World], str], Callable[[World], dict[str, Any]]]

SAMPLES: list[Sample] = [
    ("support", "ver", lambda w: f"/forslag/{w['proposal'].pk}/stoet/", lambda w: {}),
    (
        "ballot",
        "ver",
        lambda w: f"/borgerbudget/{w['process'].pk}/stem/",
        lambda w: {"project": [str(w["project"].pk)]},
    ),
    (
        "comment",
        "ver",
        lambda w: f"/kommentarer/ny/proposals.proposal/{w['proposal'].pk}/",
        lambda w: {"body": "Et godt forslag."},
    ),
    (
        "follow",
        "res",
        lambda w: f"/notifikationer/foelg/proposals.proposal/{w['proposal'].pk}/",
        lambda w: {"action": "follow"},
    ),
    (
        "meeting registration",
        "res",
        lambda w: f"/borgermoeder/{w['meeting'].pk}/tilmeld/",
        lambda w: {},
    ),
    (
        "hearing response",
        "res",
        lambda w: f"/hoeringer/{w['hearing'].pk}/svar/",
        lambda w: {"comment": "Mit høringssvar."},
    ),
    (
        "fast-track approval",
        "off",
        lambda w: f"/hurtigpuljen/personale/{w['application'].pk}/godkend/",
        lambda w: {"amount": "5000"},
    ),
    (
        "booking approval",
        "off",
        lambda w: f"/lokaler/personale/{w['booking'].pk}/godkend/",
        lambda w: {},
    ),
    (
        "meeting cancellation",
        "sec",
        lambda w: f"/borgermoeder/personale/{w['meeting'].pk}/aflys/",
        lambda w: {"reason": "Sygdom."},
    ),
    ("language", "res", lambda w: "/sprog/", lambda w: {"language": "da", "next": "/"}),
    ("sign-out", "res", lambda w: "/accounts/logout/", lambda w: {}),
    ("mark all read", "ver", lambda w: "/notifikationer/laest/", lambda w: {}),
    (
        "admin: add an area",
        "adm",
        lambda w: "/admin/places/area/add/",
        lambda w: {"municipality": str(w.a.pk), "name": "Ny", "slug": "ny", "kind": "district"},
    ),
]


@pytest.mark.parametrize("sample", SAMPLES, ids=[s[0] for s in SAMPLES])
def test_a_post_without_the_token_is_refused(world: World, sample: Sample) -> None:
    _what, role, url, data = sample
    client = world.client(role, enforce_csrf_checks=True)
    with rolled_back(), recording_writes() as written:
        response = client.post(url(world), data(world))
    assert response.status_code == 403
    assert not written, f"the refused POST wrote to {written}"


@pytest.mark.parametrize("sample", SAMPLES, ids=[s[0] for s in SAMPLES])
def test_the_same_post_with_the_token_gets_through(world: World, sample: Sample) -> None:
    _what, role, url, data = sample
    client = world.client(role, enforce_csrf_checks=True)
    client.get("/hjaelp/")  # a page with a form: it sets the CSRF cookie
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    with rolled_back():
        response = client.post(url(world), data(world), headers={"X-CSRFToken": token})
    assert response.status_code != 403
    assert response.status_code < 500


def test_a_token_from_another_session_is_refused(world: World) -> None:
    """A token is a token only with its own cookie: a forged pair from elsewhere is refused."""
    client = world.client("ver", enforce_csrf_checks=True)
    client.get("/hjaelp/")
    other = world.client("res", enforce_csrf_checks=True)
    other.get("/hjaelp/")
    with rolled_back():
        response = client.post(
            f"/forslag/{world['proposal'].pk}/stoet/",
            headers={"X-CSRFToken": other.cookies[settings.CSRF_COOKIE_NAME].value},
        )
    assert response.status_code == 403


def test_the_api_has_no_unsafe_methods() -> None:
    """The open-data API only reads: no operation in its schema is anything but GET, so there is
    nothing a forged cross-site request could change through it."""
    from medborger.api.urls import api

    schema = api.get_openapi_schema()
    methods = {method for path in schema["paths"].values() for method in path}
    assert methods == {"get"}


def test_an_unsafe_method_on_the_api_changes_nothing(world: World) -> None:
    client = world.client("adm", enforce_csrf_checks=True)
    for method in ("post", "put", "patch", "delete"):
        with rolled_back(), recording_writes() as written:
            response = getattr(client, method)(f"/api/v1/proposals/{world['proposal'].pk}")
        assert response.status_code in (403, 405), method
        assert not written
