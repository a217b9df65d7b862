"""One installation, several municipalities: nothing of one shows in another's pages, API or admin."""

import pytest

from medborger.core.audit import audit_record
from medborger.places.models import InfoPage
from tests.factories import AreaFactory, TopicFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def test_request_resolves_the_municipality_by_host(municipality, other_municipality, client_for):
    assert "Lyngby Testkommune" in client_for(municipality).get("/").content.decode()
    page = client_for(other_municipality).get("/").content.decode()
    assert "Anden Kommune" in page and "Lyngby Testkommune" not in page


def test_unknown_host_with_several_municipalities_is_not_served(
    municipality, other_municipality, client
):
    client.cookies["medborger_language"] = "en"
    response = client.get("/", HTTP_HOST="ukendt.test")
    assert response.status_code == 200
    assert "No municipality is set up for this address yet." in response.content.decode()


def test_info_page_of_another_municipality_is_404(municipality, other_municipality, client_for):
    InfoPage.objects.create(
        municipality=municipality,
        kind="privacy",
        language="da",
        title="Vores privatliv",
        body="Tekst",
    )
    assert client_for(municipality).get("/side/privacy/").status_code == 200
    response = client_for(other_municipality).get("/side/privacy/")
    assert response.status_code == 404
    assert "Vores privatliv" not in response.content.decode()


def test_object_of_another_municipality_is_404(municipality, other_municipality, client_for):
    topic = TopicFactory(municipality=municipality)
    assert client_for(municipality).get(f"/test/emne/{topic.pk}/").status_code == 200
    assert client_for(other_municipality).get(f"/test/emne/{topic.pk}/").status_code == 404


def test_api_lists_only_this_municipalitys_areas(municipality, other_municipality, client_for):
    AreaFactory(municipality=municipality, name="Nordbyen", slug="nordbyen")
    AreaFactory(municipality=other_municipality, name="Sydbyen", slug="sydbyen")
    data = client_for(municipality).get("/api/v1/areas").json()
    assert [a["slug"] for a in data] == ["nordbyen"]


def test_audit_log_shows_only_own_municipality(municipality, other_municipality, client_for):
    admin = grant(UserFactory(), "municipal_admin", municipality)
    audit_record(actor=admin, action="test.here", municipality=municipality)
    audit_record(actor=admin, action="test.elsewhere", municipality=other_municipality)
    page = client_for(municipality, admin).get("/personale/log/").content.decode()
    assert "test.here" in page and "test.elsewhere" not in page


def test_admin_of_one_municipality_cannot_use_staff_pages_of_another(
    municipality, other_municipality, client_for
):
    admin = grant(UserFactory(), "municipal_admin", municipality)
    assert client_for(municipality, admin).get("/personale/log/").status_code == 200
    assert client_for(other_municipality, admin).get("/personale/log/").status_code == 403


def test_django_admin_is_scoped_to_own_municipality(municipality, other_municipality, client_for):
    admin = grant(UserFactory(is_staff=True), "municipal_admin", municipality)
    AreaFactory(municipality=municipality, name="Vores område", slug="vores")
    theirs = AreaFactory(municipality=other_municipality, name="Deres område", slug="deres")
    client = client_for(municipality, admin)
    listing = client.get("/admin/places/area/").content.decode()
    assert "Vores område" in listing and "Deres område" not in listing
    # Django admin answers an object outside the queryset with a redirect to the admin index
    response = client.get(f"/admin/places/area/{theirs.pk}/change/")
    assert response.status_code == 302 and response.url == "/admin/"
    other = client.get(f"/admin/places/municipality/{other_municipality.pk}/change/")
    assert other.status_code == 302 and other.url == "/admin/"
