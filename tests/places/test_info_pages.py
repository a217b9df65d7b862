import pytest

from medborger.core.models import AuditEntry
from medborger.places.models import InfoPage
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_admin_writes_a_page_and_the_audit_log_records_it(
    municipality, municipal_admin, client_for
):
    client = client_for(municipality, municipal_admin)
    assert client.get("/personale/sider/").status_code == 200
    response = client.post(
        "/personale/sider/privacy/da/", {"title": "Dine data", "body": "Vi passer på dine data."}
    )
    assert response.status_code == 302
    page = InfoPage.objects.get(municipality=municipality, kind="privacy", language="da")
    entry = AuditEntry.objects.get(action="info_page.created")
    assert entry.actor == municipal_admin and entry.after["title"] == "Dine data"
    client.post("/personale/sider/privacy/da/", {"title": "Dine data", "body": "Ny tekst."})
    changed = AuditEntry.objects.get(action="info_page.changed")
    assert changed.before == {"body": "Vi passer på dine data."} and changed.after == {
        "body": "Ny tekst."
    }
    public = client_for(municipality).get("/side/privacy/").content.decode()
    assert "Ny tekst." in public and page.title in public


def test_markup_in_a_page_is_shown_safely(municipality, municipal_admin, client_for):
    client_for(municipality, municipal_admin).post(
        "/personale/sider/contact/da/",
        {"title": "Kontakt", "body": "Hej <script>alert(1)</script> [link](javascript:alert(2))"},
    )
    html = client_for(municipality).get("/side/contact/").content.decode()
    assert "<script>alert(1)" not in html and "javascript:" not in html


def test_empty_fields_keep_what_was_typed(municipality, municipal_admin, client_for):
    response = client_for(municipality, municipal_admin, "en").post(
        "/personale/sider/contact/da/", {"title": "", "body": "Min tekst bliver her."}
    )
    assert response.status_code == 400
    assert "Min tekst bliver her." in response.content.decode()
    assert "This field is required." in response.content.decode()


@pytest.mark.parametrize("role", ["resident", "moderator", "case_officer", "politician"])
def test_only_municipal_admins_edit_pages(role, municipality, client_for):
    user = grant(UserFactory(), role, municipality)
    assert client_for(municipality, user).get("/personale/sider/").status_code == 403


def test_unknown_page_kind_or_language_is_404(municipality, municipal_admin, client_for):
    client = client_for(municipality, municipal_admin)
    assert client.get("/personale/sider/nonsense/da/").status_code == 404
    assert client.get("/personale/sider/privacy/xx/").status_code == 404
    assert client_for(municipality).get("/side/nonsense/").status_code == 404


def test_page_falls_back_to_the_default_language(municipality, client_for):
    InfoPage.objects.create(
        municipality=municipality, kind="about", language="da", title="Om siden", body="Tekst"
    )
    response = client_for(municipality, language="sv").get("/side/about/")
    assert response.status_code == 200 and 'lang="da"' in response.content.decode()


def test_lix_preview(municipality, client_for):
    response = client_for(municipality, language="en").post(
        "/klarsprog/lix/",
        {"_lix_field": "body", "body": "Vi mødes i hallen. Alle er velkomne."},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "LIX" in response.content.decode()
