"""Accessibility statement templates: Denmark's (Digitaliseringsstyrelsen, WAS-Tool) and Sweden's
(Digg), in the country's language, prefilled when a municipal admin writes the statement for the
first time, and never published with a {placeholder} left in it."""

import pytest

from medborger.core.demo import DEMO_STATEMENT
from medborger.places.models import InfoPage
from medborger.places.statements import FIELDS, placeholders_in, statement_template
from tests.factories import MunicipalityFactory, UserFactory, grant

pytestmark = pytest.mark.django_db

DANISH_HEADINGS = [
    "# Overholdelsesstatus",
    "# Ikke-tilgængeligt indhold",
    "# Udarbejdelse af erklæringen",
    "# Feedback og kontaktoplysninger",
    "# Håndhævelsesprocedure",
]
SWEDISH_HEADINGS = [
    "# Förenlighet med lagkraven",
    "# Innehåll som inte är tillgängligt",
    "# Hur vi testat webbplatsen",
    "# Kontakta oss om du upptäcker brister",
    "# Tillsyn",
]


def _headings_in_order(body: str, headings: list[str]) -> bool:
    lines = body.splitlines()
    positions = [lines.index(heading) for heading in headings]
    return positions == sorted(positions)


@pytest.fixture
def danish():  # type: ignore[no-untyped-def]
    return MunicipalityFactory(
        slug="erklaering-dk",
        name="Lyngby-Taarbæk Kommune",
        country="DK",
        hosts="127.0.0.1\nmedborger.ltk.dk",
        contact_email="tilgaengelighed@ltk.dk",
        contact_phone="45 97 30 00",
    )


@pytest.fixture
def swedish():  # type: ignore[no-untyped-def]
    return MunicipalityFactory(
        slug="redogorelse-se",
        name="Sundsvalls kommun",
        country="SE",
        hosts="medborger.sundsvall.se",
        default_language="sv",
        languages=["sv", "en"],
        contact_email="kommunen@sundsvall.se",
        contact_phone="060-19 10 00",
    )


def test_danish_template_has_the_was_tool_structure(danish) -> None:
    template = statement_template(municipality=danish, language="da")
    assert template is not None
    title, body = template
    assert title == "Tilgængelighedserklæring"
    assert _headings_in_order(body, DANISH_HEADINGS)
    assert "webstedet https://medborger.ltk.dk/ tilgængeligt" in body  # the public host name
    assert "webtilgængelighedsloven" in body and "EN 301 549" in body
    assert "- Telefon: 45 97 30 00" in body and "- E-mail: tilgaengelighed@ltk.dk" in body
    assert "Digitaliseringsstyrelsen" in body and "https://digst.dk/" in body
    left = placeholders_in(body)
    assert "{dato for seneste gennemgang}" in left
    assert any("WAS-Tool" in p for p in left)


def test_swedish_template_has_diggs_structure(swedish) -> None:
    template = statement_template(municipality=swedish, language="sv")
    assert template is not None
    title, body = template
    assert title == "Tillgänglighetsredogörelse"
    assert _headings_in_order(body, SWEDISH_HEADINGS)
    assert "delvis förenlig med lagen om tillgänglighet till digital offentlig service" in body
    assert "## Bristande förenlighet med lagkraven" in body
    assert "## Oskäligt betungande anpassning" in body
    assert "## Innehållet omfattas inte av lagstiftningen" in body
    assert "- E-post: kommunen@sundsvall.se" in body and "- Telefon: 060-19 10 00" in body
    assert "[anmäla det till Digg](https://www.digg.se/tdosanmalan)" in body
    assert "{datum för senaste bedömningen}" in placeholders_in(body)


def test_missing_contact_details_are_placeholders(swedish) -> None:
    swedish.contact_email = swedish.contact_phone = ""
    swedish.hosts = "localhost"
    _title, body = statement_template(municipality=swedish, language="sv")  # type: ignore[misc]
    left = placeholders_in(body)
    assert {"{e-postadress}", "{telefonnummer}", "{webbplatsens adress}"} <= set(left)


def test_a_template_only_in_the_countrys_own_language(danish, swedish) -> None:
    assert statement_template(municipality=danish, language="sv") is None
    assert statement_template(municipality=danish, language="en") is None
    assert statement_template(municipality=swedish, language="da") is None
    danish.country = "NO"
    assert statement_template(municipality=danish, language="da") is None


def test_every_placeholder_can_be_filled(danish, swedish) -> None:
    values = {field: f"udfyldt {field}" for field in FIELDS}
    for municipality, language in ((danish, "da"), (swedish, "sv")):
        _title, body = statement_template(  # type: ignore[misc]
            municipality=municipality, language=language, values=values
        )
        assert placeholders_in(body) == [], (language, placeholders_in(body))
        assert "udfyldt review_date" in body


def test_the_demo_statement_is_filled_in(danish) -> None:
    _title, body = statement_template(  # type: ignore[misc]
        municipality=danish, language="da", values=DEMO_STATEMENT
    )
    assert placeholders_in(body) == []
    assert "1. november 2026" in body


# --- the editor --------------------------------------------------------------------------------


def _form_values(response) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    form = response.context["form"]
    return form["title"].value() or "", form["body"].value() or ""


def test_a_first_statement_starts_from_the_country_template(danish, client_for) -> None:
    admin = grant(UserFactory(), "municipal_admin", danish)
    response = client_for(danish, admin, language="en").get("/personale/sider/accessibility/da/")
    assert response.status_code == 200
    html = response.content.decode()
    title, body = _form_values(response)
    assert title == "Tilgængelighedserklæring"
    assert "# Håndhævelsesprocedure" in html  # in the textarea
    assert "# Håndhævelsesprocedure" in body
    assert "Fill in everything in {curly brackets}" in html
    # Another language, another kind: no template
    english = client_for(danish, admin, language="en").get("/personale/sider/accessibility/en/")
    assert _form_values(english) == ("", "")
    contact = client_for(danish, admin, language="en").get("/personale/sider/contact/da/")
    assert "Fill in everything" not in contact.content.decode()


def test_the_swedish_editor_gets_the_swedish_template(swedish, client_for) -> None:
    admin = grant(UserFactory(), "municipal_admin", swedish)
    swedish.hosts = "medborger.sundsvall.se\nredogorelse.test"
    swedish.save()
    response = client_for(swedish, admin, language="sv").get("/personale/sider/accessibility/sv/")
    title, body = _form_values(response)
    assert title == "Tillgänglighetsredogörelse" and "# Tillsyn" in body


def test_an_existing_statement_is_edited_as_it_is(danish, client_for) -> None:
    admin = grant(UserFactory(), "municipal_admin", danish)
    InfoPage.objects.create(
        municipality=danish, kind="accessibility", language="da", title="Egen", body="Vores tekst"
    )
    response = client_for(danish, admin, language="en").get("/personale/sider/accessibility/da/")
    assert _form_values(response) == ("Egen", "Vores tekst")
    assert "Fill in everything" not in response.content.decode()


def test_placeholders_left_are_refused_and_the_text_kept(danish, client_for) -> None:
    admin = grant(UserFactory(), "municipal_admin", danish)
    title, body = statement_template(municipality=danish, language="da")  # type: ignore[misc]
    client = client_for(danish, admin, language="en")
    response = client.post("/personale/sider/accessibility/da/", {"title": title, "body": body})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Fill in or remove the parts in curly brackets first" in html
    assert "{dato for seneste gennemgang}" in html
    assert "Håndhævelsesprocedure" in html  # what was typed is still there
    assert not InfoPage.objects.filter(municipality=danish, kind="accessibility").exists()


def test_a_filled_in_statement_is_published(danish, client_for) -> None:
    admin = grant(UserFactory(), "municipal_admin", danish)
    title, body = statement_template(  # type: ignore[misc]
        municipality=danish, language="da", values=DEMO_STATEMENT
    )
    client = client_for(danish, admin, language="en")
    response = client.post("/personale/sider/accessibility/da/", {"title": title, "body": body})
    assert response.status_code == 302
    page = client_for(danish, language="da").get("/side/accessibility/").content.decode()
    assert "<h1>Tilgængelighedserklæring</h1>" in page
    assert (
        "<h2>Håndhævelsesprocedure</h2>" in page and "<h3>Uforholdsmæssig stor byrde</h3>" in page
    )
    assert 'href="https://digst.dk/digital-inklusion/webtilgaengelighed/' in page


def test_other_pages_may_use_curly_brackets(danish, client_for) -> None:
    admin = grant(UserFactory(), "municipal_admin", danish)
    client = client_for(danish, admin, language="en")
    body = "Skriv til os med emnet {Medborger} i emnefeltet."
    response = client.post("/personale/sider/contact/da/", {"title": "Kontakt", "body": body})
    assert response.status_code == 302
    assert InfoPage.objects.get(municipality=danish, kind="contact", language="da").body == body
