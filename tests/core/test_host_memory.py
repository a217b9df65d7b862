"""Each worker keeps the municipality it read for a host name for MEDBORGER_HOST_MEMORY_SECONDS
(every request needs it; docs/decisions/0004-vote-statements-in-sql.md). A save in the same
worker is seen at once, a change made elsewhere within that time, and no request shares its
object. (The other tests run with the memory off, see config/settings/test.py.)"""

from __future__ import annotations

import pytest
from django.test import Client

from medborger.core import middleware
from medborger.core.middleware import municipality_for_host
from medborger.places.models import Municipality

pytestmark = pytest.mark.django_db


MEMORY = 10


@pytest.fixture
def clock(monkeypatch, settings):  # type: ignore[no-untyped-def]
    """The memory on, as in production, and the monotonic clock it uses, moved by hand."""
    settings.MEDBORGER_HOST_MEMORY_SECONDS = MEMORY
    now = [1_000.0]
    monkeypatch.setattr(middleware.time, "monotonic", lambda: now[0])
    return now


def test_the_second_request_reads_no_municipality(municipality, django_assert_num_queries, clock):
    assert municipality_for_host("lyngby.test").pk == municipality.pk  # type: ignore[union-attr]
    with django_assert_num_queries(0):
        again = municipality_for_host("LYNGBY.test:443")
    assert again is not None and again.pk == municipality.pk
    assert again.name == municipality.name and again.languages == municipality.languages
    assert not again._state.adding


def test_each_call_gets_its_own_object(municipality, clock):
    first = municipality_for_host("lyngby.test")
    assert first is not None
    first.name = "Ændret i en formular"
    first.languages.append("xx")
    second = municipality_for_host("lyngby.test")
    assert second is not None and second is not first
    assert second.name == "Lyngby Testkommune"
    assert "xx" not in second.languages


def test_a_save_in_this_worker_is_seen_at_once(municipality, other_municipality, clock):
    assert municipality_for_host("lyngby.test").pk == municipality.pk  # type: ignore[union-attr]
    municipality.name = "Lyngby-Taarbæk"
    municipality.save()
    assert municipality_for_host("lyngby.test").name == "Lyngby-Taarbæk"  # type: ignore[union-attr]
    municipality.hosts = "ny.lyngby.test"
    municipality.save()
    assert municipality_for_host("lyngby.test") is None  # two municipalities: no fallback
    assert municipality_for_host("ny.lyngby.test").pk == municipality.pk  # type: ignore[union-attr]


def test_a_change_made_elsewhere_is_seen_after_the_memory_time(municipality, clock):
    assert municipality_for_host("lyngby.test").name == "Lyngby Testkommune"  # type: ignore[union-attr]
    Municipality.objects.filter(pk=municipality.pk).update(name="Ændret af en anden worker")
    clock[0] += MEMORY - 0.5
    assert municipality_for_host("lyngby.test").name == "Lyngby Testkommune"  # type: ignore[union-attr]
    clock[0] += 1.0
    assert municipality_for_host("lyngby.test").name == "Ændret af en anden worker"  # type: ignore[union-attr]


def test_a_deleted_municipality_is_forgotten(municipality, other_municipality, clock):
    host = other_municipality.host_list()[0]
    assert municipality_for_host(host) is not None
    other_municipality.delete()
    # One municipality is left, and a one-municipality installation serves any host with it.
    assert municipality_for_host(host).pk == municipality.pk  # type: ignore[union-attr]


def test_unknown_hosts_are_remembered_as_none_and_the_memory_is_bounded(
    municipality, other_municipality, monkeypatch, clock
):
    monkeypatch.setattr(middleware, "_HOSTS_KEPT", 3)
    for n in range(10):
        assert municipality_for_host(f"ukendt-{n}.test") is None
        assert len(middleware._by_host) <= 3


def test_the_settings_page_shows_a_change_at_once(municipality, clock):
    client = Client(HTTP_HOST="lyngby.test")
    assert client.get("/").status_code == 200
    municipality.name = "Lyngby Ny"
    municipality.save()
    assert "Lyngby Ny" in client.get("/").content.decode()


def test_the_logo_belongs_to_each_copy(municipality, clock):
    municipality.logo.name = "logos/lyngby.png"
    municipality.save()
    first = municipality_for_host("lyngby.test")
    second = municipality_for_host("lyngby.test")
    assert first is not None and second is not None
    assert first.logo.name == second.logo.name == "logos/lyngby.png"
    assert first.logo.instance is first and second.logo.instance is second


def test_with_the_memory_off_every_call_reads(municipality, settings, django_assert_num_queries):
    settings.MEDBORGER_HOST_MEMORY_SECONDS = 0
    municipality_for_host("lyngby.test")
    with django_assert_num_queries(1):
        assert municipality_for_host("lyngby.test") is not None


def test_production_keeps_it_for_ten_seconds():
    from config.settings import base

    assert base.MEDBORGER_HOST_MEMORY_SECONDS == 10
