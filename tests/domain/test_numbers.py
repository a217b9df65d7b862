import pytest

from medborger.domain.numbers import whole_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7", 7),
        (" 12 ", 12),
        ("0", 0),
        (42, 42),
        ("²", None),
        ("①", None),
        ("-1", None),
        ("1.5", None),
        ("", None),
        (None, None),
        ("1" * 19, None),
    ],
)
def test_only_ascii_digits_are_a_whole_number(text, expected):  # type: ignore[no-untyped-def]
    assert whole_number(text) == expected


def test_the_length_can_be_capped():
    assert whole_number("1234567", max_digits=6) is None
    assert whole_number("123456", max_digits=6) == 123456
