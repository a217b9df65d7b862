"""The optional photo of a premises is checked with Pillow in the admin's form: JPEG, PNG or
WebP, at most 5 MB; a GIF is refused with a readable message."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from PIL import Image

from medborger.premises.models import Premises, validate_photo

pytestmark = pytest.mark.django_db


def upload(fmt: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), (10, 120, 40)).save(buffer, format=fmt)
    return SimpleUploadedFile(f"skole.{fmt.lower()}", buffer.getvalue())


def form(municipality, fmt):  # type: ignore[no-untyped-def]
    Form = modelform_factory(
        Premises,
        fields=[
            "municipality",
            "name",
            "address",
            "capacity",
            "conditions",
            "photo",
            "photo_description",
            "kind",
        ],
    )
    data = {
        "municipality": municipality.pk,
        "name": "Skolen",
        "address": "Vej 1",
        "capacity": 10,
        "conditions": "Gratis.",
        "photo_description": "Skolen",
        "kind": "room",
    }
    return Form(data, {"photo": upload(fmt)})


def test_a_png_is_accepted_and_a_gif_refused(municipality):
    assert form(municipality, "PNG").is_valid()
    refused = form(municipality, "GIF")
    assert not refused.is_valid()
    assert "Use JPEG, PNG or WebP" in str(refused.errors["photo"])


def test_too_large_is_refused():
    big = SimpleUploadedFile("stor.jpg", b"x" * (5 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="too large"):
        validate_photo(big)
