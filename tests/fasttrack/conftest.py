"""Shared fixtures for the fast-track pool: a pool of 100.000 kr with a 25.000 kr cap, residents
who apply, a case officer who decides, and helpers that drive an application through the services.

Time is a parameter: every service gets `now` from these fixtures, never the wall clock."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from medborger.fasttrack import services
from medborger.fasttrack.models import Application, FastTrackPool
from tests.browser.conftest import browser, new_context  # noqa: F401 - for test_browser.py
from tests.factories import UserFactory, grant

# A Monday morning in June; every deadline in these tests is counted from here.
T0 = datetime(2025, 6, 2, 8, 0, tzinfo=UTC)
ACTIVITY = date(2025, 6, 21)  # Saint John's Eve


@pytest.fixture
def t0() -> datetime:
    return T0


@pytest.fixture
def pool(municipality):  # type: ignore[no-untyped-def]
    return FastTrackPool.objects.create(
        municipality=municipality, title="Hurtig-puljen 2025", year=2025
    )


@pytest.fixture
def other_pool(other_municipality):  # type: ignore[no-untyped-def]
    return FastTrackPool.objects.create(
        municipality=other_municipality, title="Anden pulje 2025", year=2025
    )


@pytest.fixture
def make_applicant(municipality):  # type: ignore[no-untyped-def]
    def make(name: str = "Birgit Bål") -> Any:
        return grant(UserFactory(name=name), "resident", municipality)

    return make


@pytest.fixture
def applicant(make_applicant):  # type: ignore[no-untyped-def]
    return make_applicant("Anna Ansøger")


@pytest.fixture
def official(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Sara Sagsbehandler"), "case_officer", municipality)


@pytest.fixture
def other_official(other_municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Otto Andetsteds"), "case_officer", other_municipality)


def application_data(**overrides: Any) -> services.ApplicationData:
    values: dict[str, Any] = {
        "title": "Sankthansbål på engen",
        "description": "Vi tænder bål, synger og bager snobrød. Alle er velkomne.",
        "activity_date": ACTIVITY,
        "place": "Engen bag skolen",
        "amount_requested": 8_000,
        "group_name": "Spejderne",
        "responsible_name": "Birgit Bål",
        "responsible_phone": "12 34 56 78",
        "responsible_email": "",
    }
    values.update(overrides)
    return services.ApplicationData(**values)


def form_data(**overrides: Any) -> dict[str, str]:
    """What the apply form posts."""
    values = {
        "title": "Sankthansbål på engen",
        "description": "Vi tænder bål, synger og bager snobrød. Alle er velkomne.",
        "activity_date": ACTIVITY.isoformat(),
        "place": "Engen bag skolen",
        "amount": "8000",
        "group_name": "Spejderne",
        "responsible_name": "Birgit Bål",
        "responsible_phone": "12 34 56 78",
        "responsible_email": "",
    }
    values.update(overrides)
    return values


@pytest.fixture
def submit(pool, applicant):  # type: ignore[no-untyped-def]
    """Submit an application at T0 (or `at`); keyword arguments change the application data."""

    def make(*, by: Any = None, at: datetime = T0, to: Any = None, **data: Any) -> Application:
        return services.application_submit(
            pool=to or pool, applicant=by or applicant, data=application_data(**data), now=at
        )

    return make


@pytest.fixture
def flow(submit, official):  # type: ignore[no-untyped-def]
    """Applications in each state, made through the services."""

    class Flow:
        def submitted(self, **data: Any) -> Application:
            return submit(**data)

        def approved(self, amount: int | None = None, reason: str = "", **data: Any) -> Application:
            application = submit(**data)
            return services.application_approve(
                application_id=application.pk,
                official=official,
                amount=amount,
                reason=reason,
                now=T0 + timedelta(days=2),
            )

        def rejected(self, **data: Any) -> Application:
            application = submit(**data)
            return services.application_reject(
                application_id=application.pk,
                official=official,
                reason="Puljen støtter ikke drift.",
                now=T0 + timedelta(days=2),
            )

        def paid(self, **data: Any) -> Application:
            application = self.approved(**data)
            return services.payout_record(
                application_id=application.pk,
                official=official,
                paid_on=date(2025, 6, 5),
                amount=application.granted_amount or 0,
                now=T0 + timedelta(days=3),
            )

        def reported(self, **data: Any) -> Application:
            application = self.paid(**data)
            return services.report_submit(
                application_id=application.pk,
                user=application.applicant,  # type: ignore[arg-type]
                text="Det gik godt. 80 kom.",
                photos=[services.PhotoData(image=photo_upload(), description="Bålet")],
                now=T0 + timedelta(days=25),
            )

    return Flow()


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 20)).save(buffer, format=fmt)
    return buffer.getvalue()


def photo_upload(name: str = "baal.jpg", fmt: str = "JPEG") -> SimpleUploadedFile:
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif"}.get(
        fmt, "application/octet-stream"
    )
    return SimpleUploadedFile(name, image_bytes(fmt), content_type=content_type)
