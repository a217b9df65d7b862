import pytest

pytestmark = pytest.mark.django_db


def test_front_page_renders_for_the_municipality(municipality, client_for):
    response = client_for(municipality).get("/")
    assert response.status_code == 200
    assert "Lyngby Testkommune" in response.content.decode()
