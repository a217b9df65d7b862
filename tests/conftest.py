from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation

from tests.factories import MunicipalityFactory, UserFactory, grant


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--require-postgres",
        action="store_true",
        help="Fail (not skip) when the database is not PostgreSQL.",
    )


@pytest.fixture(scope="session", autouse=True)
def _database_is_what_was_asked(request: pytest.FixtureRequest, django_db_setup: None) -> None:
    if request.config.getoption("--require-postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.exit("--require-postgres: DATABASE_URL does not point at PostgreSQL", 3)


@pytest.fixture(autouse=True)
def _english_outside_requests():  # type: ignore[no-untyped-def]
    """Services and tasks run in English unless a test says otherwise; requests pick their own."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _no_municipality_kept_from_another_test():  # type: ignore[no-untyped-def]
    """A rolled-back test sends no signal, so the host memory is emptied before each test."""
    from medborger.core.middleware import forget_hosts

    forget_hosts()
    yield


@pytest.fixture
def municipality(db):  # type: ignore[no-untyped-def]
    return MunicipalityFactory(slug="lyngby-test", name="Lyngby Testkommune", hosts="lyngby.test")


@pytest.fixture
def other_municipality(db):  # type: ignore[no-untyped-def]
    return MunicipalityFactory(slug="anden", name="Anden Kommune", hosts="anden.test")


@pytest.fixture
def client_for():  # type: ignore[no-untyped-def]
    """A test client that talks to one municipality's host name, optionally signed in."""

    def make(municipality, user=None, language: str = "da") -> Client:  # type: ignore[no-untyped-def]
        client = Client(HTTP_HOST=municipality.host_list()[0])
        client.cookies["medborger_language"] = language
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def resident(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(), "resident", municipality)


@pytest.fixture
def moderator(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(), "moderator", municipality)


@pytest.fixture
def municipal_admin(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(), "municipal_admin", municipality)
