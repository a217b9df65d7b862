"""Staff forms for implementation tracking. Forms check shape; services check meaning."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from medborger.core.widgets import PlainLanguageTextarea
from medborger.implementation.models import (
    ALT_MAX,
    PURPOSE_MAX,
    REASON_MAX,
    TITLE_MAX,
    UPDATE_MAX,
    Delivery,
)
from medborger.implementation.services import MAX_PHOTOS, PhotoUpload

PHOTO_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"


def validate_photo(file: Any) -> None:
    """A JPEG, PNG or WebP photo within the size limit (MEDBORGER_MAX_IMAGE_BYTES)."""
    limit = settings.MEDBORGER_MAX_IMAGE_BYTES
    size = getattr(file, "size", 0) or 0
    if size > limit:
        raise ValidationError(
            _(
                "The photo is %(size).1f MB. The limit is %(limit)d MB. Make it smaller and try again."
            )
            % {"size": size / (1024 * 1024), "limit": limit // (1024 * 1024)},
            code="photo_too_large",
        )
    image = getattr(file, "image", None)
    if image is not None and image.format not in PHOTO_FORMATS:
        raise ValidationError(
            _("This is a %(kind)s file. Use a photo in JPEG, PNG or WebP format.")
            % {"kind": image.format or "?"},
            code="photo_type",
        )


class PhotoField(forms.ImageField):
    """An image field with our own checks and words (instead of the extension list of Pillow)."""

    default_validators = [validate_photo]
    default_error_messages = {
        "invalid_image": _(
            "This file is not a photo we can read. Use a photo in JPEG, PNG or WebP format."
        ),
    }


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StartForm(forms.Form):
    """No fields: starting the record is one button."""


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Delivery.Status.choices)
    reason = forms.CharField(
        label=_("Why is it delayed or paused?"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when the project is delayed or paused. Residents can read it."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == Delivery.Status.PAUSED and not (data.get("reason") or "").strip():
            self.add_error(
                "reason",
                _("Say why the project is delayed or paused. Residents can read the reason."),
            )
        return data


class SettingsForm(forms.Form):
    responsible: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Responsible staff member"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
        empty_label=_("Nobody yet"),
    )
    started_on = forms.DateField(
        label=_("Start date"),
        widget=_date_input(),
        help_text=_("Milestones cannot be due before this date."),
    )

    def __init__(self, *args: Any, staff_queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff_queryset  # type: ignore[attr-defined]


class SpendForm(forms.Form):
    spent_on = forms.DateField(label=_("Date"), widget=_date_input())
    amount = forms.DecimalField(
        label=_("Amount (kr)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "min_value": _(
                "Enter an amount above 0 kr. To correct an entry, remove it and enter it again."
            ),
            "invalid": _("Enter the amount as a number, for example 12500 or 12500.50."),
        },
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
    )
    purpose = forms.CharField(
        label=_("What for"),
        max_length=PURPOSE_MAX,
        help_text=_("For example: Plants and soil from the nursery."),
    )


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=TITLE_MAX)
    due_on = forms.DateField(label=_("Due date"), widget=_date_input())


class UpdateForm(forms.Form):
    text = forms.CharField(
        label=_("What has happened?"),
        max_length=UPDATE_MAX,
        widget=PlainLanguageTextarea(attrs={"rows": 6}),
        help_text=_("Write for residents, in plain words. Everybody can read it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, MAX_PHOTOS + 1):
            self.fields[f"photo_{n}"] = PhotoField(
                label=_("Photo %(n)d") % {"n": n},
                required=False,
                widget=forms.FileInput(attrs={"accept": PHOTO_ACCEPT}),
                help_text=_("JPEG, PNG or WebP, at most %(mb)d MB.")
                % {"mb": settings.MEDBORGER_MAX_IMAGE_BYTES // (1024 * 1024)},
            )
            self.fields[f"alt_{n}"] = forms.CharField(
                label=_("What photo %(n)d shows") % {"n": n},
                max_length=ALT_MAX,
                required=False,
                help_text=_("For people who cannot see the photo. Needed when you add one."),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, MAX_PHOTOS + 1):
            photo, alt = data.get(f"photo_{n}"), (data.get(f"alt_{n}") or "").strip()
            if photo and not alt:
                self.add_error(
                    f"alt_{n}", _("Describe what the photo shows, for people who cannot see it.")
                )
            if alt and not photo and f"photo_{n}" not in self.errors:
                self.add_error(
                    f"photo_{n}",
                    _("Choose the photo that this text describes, or clear the text."),
                )
        if self.errors and self.files:
            self.add_error(
                None,
                _(
                    "Your text is kept. For safety, browsers forget chosen files: choose the photos again."
                ),
            )
        return data

    def photos(self) -> list[PhotoUpload]:
        data = self.cleaned_data
        return [
            PhotoUpload(image=data[f"photo_{n}"], alt_text=data.get(f"alt_{n}", ""))
            for n in range(1, MAX_PHOTOS + 1)
            if data.get(f"photo_{n}")
        ]
