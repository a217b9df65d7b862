"""Fuzzing the open-data API (issue 7): schemathesis generates requests from the OpenAPI schema
that django-ninja publishes at /api/v1/openapi.json and sends them through Django's WSGI
application, with the Host header of a test municipality (tenancy is by host name).

Every response must be a non-5xx answer that conforms to the schema: body, status code and
content type. The run is bounded (25 examples per operation) and derandomized, so CI does not
flake; `MEDBORGER_FUZZ_EXAMPLES=500` makes a longer run.

The API has no authentication of its own (open data, read-only): it reads everything as an
anonymous visitor. The second test sends the session cookie of a signed-in municipal admin who
has a draft, to show a session changes nothing: same checks, and the draft never appears."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from medborger.proposals.models import Proposal, ProposalEvent, Sdg, Topic
from tests.factories import (
    AreaFactory,
    CommitteeFactory,
    MunicipalityFactory,
    UserFactory,
    grant,
)

pytestmark = pytest.mark.django_db

HOST = "fuzz.test"
EXAMPLES = int(os.environ.get("MEDBORGER_FUZZ_EXAMPLES", "25"))
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
]
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _world() -> dict[str, Any]:
    """Published proposals in several states with areas, topics, goals and a public timeline,
    a draft and a proposal in review (never in the API), and a second municipality."""
    now = timezone.now()
    municipality = MunicipalityFactory(slug="fuzz", name="Fuzz Kommune", hosts=HOST)
    other = MunicipalityFactory(slug="fuzz-anden", name="Anden Kommune", hosts="fuzz-anden.test")
    town = AreaFactory(municipality=municipality, name="Byen", slug="byen")
    district = AreaFactory(municipality=municipality, name="Øst", slug="oest", parent=town)
    committee = CommitteeFactory(municipality=municipality, name="Teknik- og Miljøudvalget")
    topic = Topic.objects.create(municipality=municipality, name="Grønt <&>", slug="groent")
    sdg, _ = Sdg.objects.get_or_create(number=11)
    author = grant(UserFactory(name="Forfatter"), "resident", municipality)
    admin = grant(UserFactory(name="Admin"), "municipal_admin", municipality)

    def proposal(municipality: Any = municipality, **fields: Any) -> Proposal:
        values: dict[str, Any] = {
            "title": "Bænke ved søen",
            "summary": 'Flere steder at sidde <b>nu</b> & "altid".',
            "body": "Hele forslaget.\n\n* punkt\n* 'citat'",
            "state": "collecting",
            "published_at": now - timedelta(days=5),
            "collection_ends": now + timedelta(days=170),
            "threshold": 600,
            "support_count": 12,
            "author": author,
        }
        values.update(fields)
        return Proposal.objects.create(municipality=municipality, **values)

    collecting = proposal(area=district)
    collecting.topics.add(topic)
    collecting.sdgs.add(sdg)
    ProposalEvent.objects.create(
        proposal=collecting,
        kind="approve",
        state_after="collecting",
        actor_role="moderator",
        at=now - timedelta(days=5),
    )
    answered = proposal(
        title="Cykelsti",
        state="answered",
        area=town,
        threshold=None,
        threshold_reached_at=now - timedelta(days=60),
        referred_at=now - timedelta(days=50),
        committee=committee,
        meeting_at=now - timedelta(days=20),
        answer_due=now + timedelta(days=100),
        answered_at=now - timedelta(days=2),
        decision="adopted",
        answer_text="Vedtaget.",
        case_number="27.00.00-P20-1-25",
    )
    for kind, state, days in (("approve", "collecting", 90), ("refer", "referred", 50)):
        ProposalEvent.objects.create(
            proposal=answered,
            kind=kind,
            state_after=state,
            actor_role="committee_secretary",
            at=now - timedelta(days=days),
            note="note",
        )
    ProposalEvent.objects.create(
        proposal=answered,
        kind="answer",
        state_after="answered",
        actor_role="system",
        at=now - timedelta(days=2),
        note="adopted",
    )
    proposal(title="Udløbet", state="expired", collection_ends=now - timedelta(days=1))
    proposal(title="Afvist i gennemgang", state="rejected", rejection_reason="Ulovligt.")
    draft = proposal(title="Hemmeligt udkast", state="draft", published_at=None, author=admin)
    proposal(title="Under gennemgang", state="in_review", published_at=None)
    proposal(other, title="Anden kommunes forslag", author=None)
    ids = list(Proposal.objects.values_list("pk", flat=True))
    return {"municipality": municipality, "admin": admin, "draft": draft, "ids": ids}


@pytest.fixture
def api_world(db: None) -> dict[str, Any]:
    return _world()


@pytest.fixture
def wsgi_app(api_world: dict[str, Any]) -> Iterator[WSGIHandler]:
    """Django's WSGI application. Like Django's test client, it must not close the database
    connection at the end of a request: the test's transaction lives on it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(wsgi_app: WSGIHandler) -> Any:
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", wsgi_app, headers={"Host": HOST}
    )
    return schema


@pytest.fixture
def admin_session(api_world: dict[str, Any]) -> str:
    client = Client(HTTP_HOST=HOST)
    client.force_login(api_world["admin"])
    return client.cookies["sessionid"].value


# One test per operation, generation mode and caller. (schemathesis' own lazy pytest
# integration, `schemathesis.pytest.from_fixture`, does not run under pytest 9: it sets
# `Function._nodeid`, which pytest 9 removed. Its Hypothesis strategies work unchanged.)
OPERATIONS = [
    ("GET", "/municipality"),
    ("GET", "/areas"),
    ("GET", "/proposals"),
    ("GET", "/proposals/{id}"),
]
# Negative cases (values the schema forbids) exist only where there are parameters.
RUNS = [
    pytest.param(method, path, mode, id=f"{method} {path} {mode.value}")
    for method, path in OPERATIONS
    for mode in GenerationMode
    if mode is GenerationMode.POSITIVE or "proposals" in path
]


def _fuzz(
    schema: Any,
    world: dict[str, Any],
    method: str,
    path: str,
    mode: GenerationMode,
    host: str = HOST,
    examples: int = EXAMPLES,
    **call: Any,
) -> None:
    operation = schema["/api/v1" + path][method]
    strategy = operation.as_strategy(generation_mode=mode)
    if "{id}" in path and mode is GenerationMode.POSITIVE:
        # Random ids almost never exist: also ask for every proposal there is (published ones,
        # the draft, the proposal in review and the other municipality's), so full answers
        # with timelines are checked against the schema too.
        strategy = st.one_of(
            strategy,
            *(
                operation.as_strategy(generation_mode=mode, path_parameters={"id": pk})
                for pk in world["ids"]
            ),
        )

    @settings(FUZZ_SETTINGS, max_examples=examples)
    @given(case=strategy)
    def run(case: Any) -> None:
        response = case.call_and_validate(headers={"Host": host}, checks=CHECKS, **call)
        assert "Hemmeligt udkast" not in response.text, "a draft reached the open-data API"

    run()


@pytest.mark.parametrize(("method", "path", "mode"), RUNS)
def test_api_answers_anonymous_requests_within_its_schema(
    api_schema: Any, api_world: dict[str, Any], method: str, path: str, mode: GenerationMode
) -> None:
    _fuzz(api_schema, api_world, method, path, mode)


@pytest.mark.parametrize(("method", "path", "mode"), RUNS)
def test_api_answers_signed_in_requests_within_its_schema(
    api_schema: Any,
    api_world: dict[str, Any],
    admin_session: str,
    method: str,
    path: str,
    mode: GenerationMode,
) -> None:
    """A session (here a municipal admin's, who has a draft) changes nothing."""
    _fuzz(api_schema, api_world, method, path, mode, cookies={"sessionid": admin_session})


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_api_answers_an_unknown_host_within_its_schema(
    api_schema: Any, api_world: dict[str, Any], method: str, path: str
) -> None:
    """With several municipalities and a host name none of them has, every operation answers a
    404 that the schema declares."""
    _fuzz(api_schema, api_world, method, path, GenerationMode.POSITIVE, "ukendt.test", 5)


def test_the_fuzzing_covers_every_operation(api_schema: Any) -> None:
    """The tests above list the operations by hand: keep the list equal to the schema's."""
    declared = {(r.ok().method.upper(), r.ok().path) for r in api_schema.get_all_operations()}
    assert declared == {(method, "/api/v1" + path) for method, path in OPERATIONS}
