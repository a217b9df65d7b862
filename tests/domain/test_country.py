from decimal import Decimal
from fractions import Fraction

from medborger.domain.country import kroner, timezone_name


def test_amounts_as_each_country_writes_them() -> None:
    assert kroner(210_000) == "210.000 kr"
    assert kroner(210_000, "SE") == "210\u00a0000 kr"
    assert kroner(Decimal("12500.5")) == "12.500,50 kr"
    assert kroner(Fraction(1, 3)) == "0,33 kr"
    assert kroner(-5) == "-5 kr"


def test_time_zone_by_country() -> None:
    assert timezone_name("DK") == "Europe/Copenhagen"
    assert timezone_name("se") == "Europe/Stockholm"
    assert timezone_name("") == "Europe/Copenhagen"


def test_official_language_by_country() -> None:
    from medborger.domain.country import official_language

    assert official_language("DK") == "da"
    assert official_language("se") == "sv"
    assert official_language("NO") is None
    assert official_language("") is None
