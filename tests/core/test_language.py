import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["da", "sv", "en"])
def test_page_lang_follows_the_cookie(language, municipality, client_for):
    response = client_for(municipality, language=language).get("/")
    assert f'<html lang="{language}"' in response.content.decode()
    assert response.headers["Content-Language"] == language


def test_municipality_default_is_used_without_a_choice(municipality, client):
    response = client.get("/", HTTP_HOST="lyngby.test")
    assert '<html lang="da"' in response.content.decode()


def test_browser_language_is_respected_when_offered(municipality, client):
    response = client.get("/", HTTP_HOST="lyngby.test", HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9")
    assert '<html lang="sv"' in response.content.decode()


def test_switcher_sets_the_cookie_and_refuses_foreign_redirects(municipality, client):
    response = client.post(
        "/sprog/", {"language": "sv", "next": "https://evil.example/"}, HTTP_HOST="lyngby.test"
    )
    assert response.status_code == 302 and response.url == "/"
    assert response.cookies["medborger_language"].value == "sv"


def test_switcher_ignores_a_language_the_municipality_does_not_offer(municipality, client):
    municipality.languages = ["da", "en"]
    municipality.save()
    response = client.post(
        "/sprog/", {"language": "sv", "next": "/hjaelp/"}, HTTP_HOST="lyngby.test"
    )
    assert response.url == "/hjaelp/" and "medborger_language" not in response.cookies


def test_saved_user_language_is_used(municipality, resident, client):
    resident.preferred_language = "en"
    resident.save()
    client.force_login(resident)
    assert '<html lang="en"' in client.get("/", HTTP_HOST="lyngby.test").content.decode()
