from __future__ import annotations

import pytest

from tests.factories import TopicFactory, UserFactory


@pytest.fixture
def topic(municipality):  # type: ignore[no-untyped-def]
    return TopicFactory(municipality=municipality, title="Ny legeplads i parken")


@pytest.fixture
def make_user(db):  # type: ignore[no-untyped-def]
    def make(frequency: str = "immediate", language: str = "", **kwargs):  # type: ignore[no-untyped-def]
        return UserFactory(notification_frequency=frequency, preferred_language=language, **kwargs)

    return make
