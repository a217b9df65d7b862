"""Shared fixtures for hearings: a hearing with three sections and two themes that opened at T0
and closes 14 days later, residents who respond, an organisation with a responsible person, and
a case officer who replies. Time is a parameter: services get `now` from here."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from medborger.hearings import services
from medborger.hearings.models import Hearing
from medborger.places.models import Organisation
from tests.browser.conftest import browser, new_context  # noqa: F401 - for test_browser.py
from tests.factories import AreaFactory, OrganisationFactory, UserFactory, grant, verify

T0 = datetime(2025, 9, 1, 8, 0, tzinfo=UTC)
DURING = T0 + timedelta(days=3)
AFTER = T0 + timedelta(days=15)


@pytest.fixture
def area(municipality):  # type: ignore[no-untyped-def]
    return AreaFactory(municipality=municipality, name="Strandvig", slug="strandvig")


@pytest.fixture
def hearing(municipality, area) -> Hearing:  # type: ignore[no-untyped-def]
    return services.hearing_create(
        municipality=municipality,
        actor=None,
        title="Lokalplan for Strandvig Havn",
        summary="Vi vil bygge boliger ved havnen.",
        body="## Baggrund\nHavnen skal fornyes.",
        opens_at=T0,
        area=area,
        sections=[
            services.SectionData("Boliger", "Op til 120 boliger."),
            services.SectionData("Trafik og parkering", "Ny vej langs kajen."),
            services.SectionData("Natur og strand", "Strandengen bevares."),
        ],
        themes=["Natur", "Trafik"],
        now=T0,
    )


@pytest.fixture
def other_hearing(other_municipality) -> Hearing:  # type: ignore[no-untyped-def]
    return services.hearing_create(
        municipality=other_municipality,
        actor=None,
        title="Anden høring",
        summary="Noget andet.",
        opens_at=T0,
        sections=[services.SectionData("Eneste afsnit")],
        now=T0,
    )


@pytest.fixture
def citizen(municipality, area):  # type: ignore[no-untyped-def]
    return verify(grant(UserFactory(name="Karen Kyst"), "resident", municipality), area=area)


@pytest.fixture
def neighbour(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Niels Nabo"), "resident", municipality)


@pytest.fixture
def official(municipality):  # type: ignore[no-untyped-def]
    return grant(UserFactory(name="Sara Sagsbehandler"), "case_officer", municipality)


@pytest.fixture
def organisation(municipality, neighbour) -> Organisation:  # type: ignore[no-untyped-def]
    return OrganisationFactory(
        municipality=municipality, name="Strandvig Sejlklub", responsible_person=neighbour
    )


def section_ids(hearing: Hearing) -> list[int]:
    return list(hearing.sections.order_by("number").values_list("pk", flat=True))


@pytest.fixture
def respond(hearing):  # type: ignore[no-untyped-def]
    def make(user: Any, *, at: datetime = DURING, files: Any = None, **data: Any) -> Any:
        values: dict[str, Any] = {"comment": "Godt forslag, men pas på strandengen."}
        values.update(data)
        response, _created = services.response_submit(
            hearing=hearing,
            user=user,
            data=services.ResponseData(**values),
            attachments=files,
            now=at,
        )
        return response

    return make


# --- files ----------------------------------------------------------------------------------------


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (10, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def zip_bytes(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def xlsx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})


def odt_bytes() -> bytes:
    return zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
    )


def upload(
    name: str, content: bytes, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


class BigUpload(SimpleUploadedFile):
    """A small file that says it is large, so tests need not hold 20 MB."""

    def __init__(self, name: str, content: bytes, size: int) -> None:
        super().__init__(name, content)
        self.size = size
