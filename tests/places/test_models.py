import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from medborger.places.models import Area
from tests.factories import AreaFactory, MunicipalityFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_population_must_shrink_with_age(municipality):
    with pytest.raises(IntegrityError):
        AreaFactory(municipality=municipality, population_total=100, population_10_plus=200)


def test_population_for_an_age_uses_the_band_at_or_below(municipality):
    area = AreaFactory(municipality=municipality)
    assert [area.population_aged(age) for age in (0, 10, 12, 15, 18, 40)] == [
        1000,
        900,
        900,
        850,
        800,
        800,
    ]


def test_parent_area_must_be_in_the_same_municipality(municipality, other_municipality):
    parent = AreaFactory(municipality=other_municipality)
    child = Area(municipality=municipality, parent=parent, name="x", slug="x", kind="district")
    with pytest.raises(ValidationError):
        child.full_clean()


def test_theme_colour_must_be_readable_with_white_text():
    municipality = MunicipalityFactory.build(primary_colour="#ffff00")
    with pytest.raises(ValidationError) as error:
        municipality.full_clean(exclude=["logo"])
    assert "primary_colour" in error.value.message_dict


def test_default_language_must_be_offered():
    municipality = MunicipalityFactory.build(languages=["da"], default_language="sv")
    with pytest.raises(ValidationError):
        municipality.full_clean(exclude=["logo"])


def test_organisation_registration_number_is_checked(municipality):
    organisation = OrganisationFactory.build(
        municipality=municipality, registration_number="12345678"
    )
    with pytest.raises(ValidationError):
        organisation.full_clean()
    organisation.registration_number = "29189846"
    organisation.full_clean()


def test_geojson_boundary_is_validated(municipality):
    area = AreaFactory.build(
        municipality=municipality, boundary={"type": "Point", "coordinates": [1, 2]}
    )
    with pytest.raises(ValidationError):
        area.full_clean()
