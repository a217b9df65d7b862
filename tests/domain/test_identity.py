from datetime import date

import pytest

from medborger.domain.colours import contrast_ratio
from medborger.domain.identity import (
    InvalidNationalId,
    birth_date_from_cpr,
    normalise_cpr,
    normalise_personnummer,
    person_key,
)
from medborger.domain.registries import cvr_valid, organisationsnummer_valid


def test_person_key_is_stable_and_hides_the_number():
    key = person_key("pepper", "dk-cpr", "0101901234")
    assert key == person_key("pepper", "dk-cpr", "0101901234")
    assert "0101901234" not in key and len(key) == 64
    assert key != person_key("other-pepper", "dk-cpr", "0101901234")
    assert key != person_key("pepper", "se-pnr", "0101901234")


def test_person_key_needs_a_pepper():
    with pytest.raises(ValueError):
        person_key("", "dk-cpr", "0101901234")


def test_cpr_normalising_and_century():
    assert normalise_cpr("010190-1234") == "0101901234"
    assert birth_date_from_cpr("0101901234") == date(1990, 1, 1)
    assert birth_date_from_cpr("0101104234") == date(2010, 1, 1)
    assert birth_date_from_cpr("0101604234") == date(1960, 1, 1)
    with pytest.raises(InvalidNationalId):
        normalise_cpr("123")
    with pytest.raises(InvalidNationalId):
        normalise_cpr("3213901234")


def test_personnummer_luhn():
    assert normalise_personnummer("19811218-9876") == "198112189876"
    with pytest.raises(InvalidNationalId):
        normalise_personnummer("19811218-9875")
    with pytest.raises(InvalidNationalId):
        normalise_personnummer("811218-9876")


def test_cvr_and_organisationsnummer():
    assert cvr_valid("29189846")  # Aarhus Kommune's CVR number
    assert not cvr_valid("29189847")
    assert not cvr_valid("0123456")
    assert organisationsnummer_valid("212000-1355")  # a public Swedish municipality number
    assert not organisationsnummer_valid("212000-1356")


def test_contrast_ratio():
    assert round(contrast_ratio("#ffffff", "#000000"), 1) == 21.0
    assert contrast_ratio("#ffffff", "#004993") > 4.5
    assert contrast_ratio("#ffffff", "#ffff00") < 4.5
