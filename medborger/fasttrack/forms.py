"""Forms check the shape of what is typed; the services check what it means (the cap, what is
left in the pool, the state of the application)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from medborger.core.widgets import PlainLanguageTextarea
from medborger.fasttrack.models import DESCRIPTION_MAX, REASON_MAX, REPORT_MAX, TITLE_MAX
from medborger.fasttrack.services import MAX_PHOTOS
from medborger.fasttrack.texts import kroner

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
_PHONE = re.compile(r"^\+?[0-9 ()\-]{8,20}$")


class ApplicationForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("Short and clear, for example: Summer party in the courtyard."),
    )
    description = forms.CharField(
        label=_("What will happen"),
        max_length=DESCRIPTION_MAX,
        widget=PlainLanguageTextarea(attrs={"rows": 8}),
        help_text=_("What will you do, who is it for, and what will the money be spent on?"),
    )
    activity_date = forms.DateField(
        label=_("When"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day of the activity, or the day it ends."),
    )
    place = forms.CharField(
        label=_("Where"), max_length=200, help_text=_("An address or a place people know.")
    )
    amount = forms.IntegerField(
        label=_("Amount you apply for (kr)"),
        min_value=1,
        max_value=10_000_000,
        error_messages={"min_value": _("The amount must be at least 1 kr.")},
    )
    group_name = forms.CharField(
        label=_("Group or association"),
        max_length=150,
        required=False,
        help_text=_("If you apply on behalf of a group. You do not need a CVR number."),
    )
    responsible_name = forms.CharField(
        label=_("Name of the responsible person"),
        max_length=150,
        help_text=_("The person who receives the money and answers for it."),
        error_messages={
            "required": _("Write the name of the person who is responsible for the money.")
        },
    )
    responsible_phone = forms.CharField(
        label=_("Phone of the responsible person"), max_length=30, required=False
    )
    responsible_email = forms.EmailField(
        label=_("Email of the responsible person"), max_length=254, required=False
    )

    def __init__(self, *args: Any, pool: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if pool is not None:
            self.fields["amount"].help_text = _("At most %(cap)s per project.") % {
                "cap": kroner(pool.project_cap, pool.municipality.country)
            }

    def clean_responsible_phone(self) -> str:
        phone = str(self.cleaned_data.get("responsible_phone", "")).strip()
        if phone and not _PHONE.match(phone):
            raise ValidationError(_("Write the phone number with digits, for example 12 34 56 78."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            "responsible_phone" not in self.errors
            and "responsible_email" not in self.errors
            and not data.get("responsible_phone")
            and not data.get("responsible_email")
        ):
            self.add_error(
                "responsible_phone",
                _("Write a phone number or an email address for the responsible person."),
            )
        return data


class ApproveForm(forms.Form):
    amount = forms.IntegerField(
        label=_("Amount granted (kr)"),
        min_value=1,
        max_value=10_000_000,
        required=False,
        help_text=_("Leave it as it is to grant the amount applied for, or write a lower amount."),
    )
    reason = forms.CharField(
        label=_("Reason (public)"),
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you grant less than the amount applied for."),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (public)"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say which rule of the pool the application does not meet. Use plain words."),
        error_messages={"required": _("Write the reason for the rejection. It is public.")},
    )


class PayoutForm(forms.Form):
    paid_on = forms.DateField(
        label=_("Paid out on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    amount = forms.IntegerField(label=_("Amount paid out (kr)"), min_value=1, max_value=10_000_000)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class PhotosField(forms.ImageField):
    """Several photos from one file input. Each is checked with Pillow: an image, of an allowed
    type, not too large; every problem is named with the file it belongs to."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > MAX_PHOTOS:
            raise ValidationError(
                _("Add at most %(count)s photos."), code="too_many", params={"count": MAX_PHOTOS}
            )
        errors: list[ValidationError] = []
        cleaned = []
        for upload in files:
            name = getattr(upload, "name", "")
            size = getattr(upload, "size", 0) or 0
            if size > PHOTO_MAX_BYTES:
                errors.append(
                    ValidationError(
                        _(
                            "The photo %(name)s is too large (%(size)s MB). The limit is %(limit)s MB."
                        ),
                        code="too_large",
                        params={
                            "name": name,
                            "size": f"{size / 1024 / 1024:.1f}",
                            "limit": PHOTO_MAX_BYTES // (1024 * 1024),
                        },
                    )
                )
                continue
            try:
                image = forms.ImageField.to_python(self, upload)
            except ValidationError:
                errors.append(
                    ValidationError(
                        _("The file %(name)s is not a photo. Use JPEG, PNG or WebP."),
                        code="invalid_image",
                        params={"name": name},
                    )
                )
                continue
            pillow_format = getattr(getattr(image, "image", None), "format", None)
            if pillow_format not in PHOTO_FORMATS:
                errors.append(
                    ValidationError(
                        _("The photo %(name)s is a %(format)s file. Use JPEG, PNG or WebP."),
                        code="invalid_type",
                        params={"name": name, "format": pillow_format or "?"},
                    )
                )
                continue
            cleaned.append(image)
        if errors:
            raise ValidationError(errors)
        return cleaned


class ReportForm(forms.Form):
    text = forms.CharField(
        label=_("How did it go?"),
        max_length=REPORT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("A few lines: what happened, how many took part, what the money was spent on."),
        error_messages={"required": _("Write a few lines about how the activity went.")},
    )
    photos = PhotosField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 5 photos, JPEG, PNG or WebP, at most 5 MB each."),
    )
    photo_description = forms.CharField(
        label=_("What the photos show"),
        max_length=200,
        required=False,
        help_text=_("For people who cannot see the photos."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("photos") and not data.get("photo_description", "").strip():
            self.add_error("photo_description", _("Describe the photos in a few words."))
        return data
