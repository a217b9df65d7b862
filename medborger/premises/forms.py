"""Forms check the shape of what is typed; the services check what it means (the bookable hours,
the capacity, clashes with approved bookings)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from medborger.premises.models import PURPOSE_MAX, REASON_MAX, TITLE_MAX, RequesterKind

_PHONE = re.compile(r"^\+?[0-9 ()\-]{8,20}$")


class RequestForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the activity"),
        max_length=TITLE_MAX,
        help_text=_("Shown in the public calendar, for example: Choir rehearsal."),
        error_messages={"required": _("Write the name of the activity.")},
    )
    purpose = forms.CharField(
        label=_("What will you use the place for?"),
        max_length=PURPOSE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Who is it for, and what will happen? Only the municipality reads this."),
        error_messages={"required": _("Write what you will use the place for.")},
    )
    participants = forms.IntegerField(
        label=_("Expected participants"),
        min_value=1,
        max_value=100_000,
        error_messages={
            "required": _("Write how many people you expect."),
            "min_value": _("Write how many people you expect, at least 1."),
        },
    )
    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Choose the day."),
            "invalid": _("Write the day as a date, for example 2025-06-10."),
        },
    )
    start_time = forms.TimeField(
        label=_("From"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Write when you start."),
            "invalid": _("Write the time as hours and minutes, for example 18:00."),
        },
    )
    end_time = forms.TimeField(
        label=_("To"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Write 00:00 if you stay until midnight."),
        error_messages={
            "required": _("Write when you end."),
            "invalid": _("Write the time as hours and minutes, for example 20:00."),
        },
    )
    repeat_until = forms.DateField(
        label=_("Every week until (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For a weekly activity: the last day. Leave it empty for one time only."),
        error_messages={"invalid": _("Write the last day as a date, for example 2025-12-16.")},
    )
    requester_kind = forms.ChoiceField(
        label=_("You ask on behalf of"),
        choices=RequesterKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who you ask on behalf of.")},
    )
    organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Association"),
        queryset=None,  # set in __init__: the associations where the user is responsible
        required=False,
        empty_label=_("Choose the association"),
        help_text=_("Associations where you are the responsible person."),
    )
    initiative_name = forms.CharField(
        label=_("Name of the initiative or enterprise"),
        max_length=150,
        required=False,
        help_text=_("For social and cultural entrepreneurs. Shown in the calendar."),
    )
    responsible_name = forms.CharField(
        label=_("Name of the responsible person"),
        max_length=150,
        help_text=_("The person who gets the keys and answers for the place."),
        error_messages={
            "required": _("Write the name of the person who is responsible for the room.")
        },
    )
    responsible_phone = forms.CharField(
        label=_("Phone of the responsible person"), max_length=30, required=False
    )
    responsible_email = forms.EmailField(
        label=_("Email of the responsible person"), max_length=254, required=False
    )

    def __init__(self, *args: Any, premises: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.premises = premises
        field = self.fields["organisation"]
        field.queryset = organisations  # type: ignore[attr-defined]
        if not organisations.exists():
            del self.fields["organisation"]
            self.fields["requester_kind"].choices = [  # type: ignore[attr-defined]
                (RequesterKind.ENTREPRENEUR.value, RequesterKind.ENTREPRENEUR.label)
            ]
            self.fields["requester_kind"].help_text = _(
                "To ask on behalf of an association, you must be its responsible person."
            )
        self.fields["participants"].help_text = _("At most %(capacity)s people.") % {
            "capacity": premises.capacity
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
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day is not None and start is not None and end is not None:
            zone = self.premises.zone
            starts_at = datetime.combine(day, start, tzinfo=zone)
            end_day = day + timedelta(days=1) if end.hour == 0 and end.minute == 0 else day
            ends_at = datetime.combine(end_day, end, tzinfo=zone)
            if ends_at <= starts_at:
                self.add_error("end_time", _("The end must be after the start."))
            data["starts_at"] = starts_at
            data["ends_at"] = ends_at
        kind = data.get("requester_kind")
        if (
            kind == RequesterKind.ASSOCIATION
            and not data.get("organisation")
            and "organisation" in self.fields
        ):
            self.add_error("organisation", _("Choose the association you ask on behalf of."))
        if kind == RequesterKind.ENTREPRENEUR and not str(data.get("initiative_name", "")).strip():
            self.add_error(
                "initiative_name",
                _("Write the name of your initiative or enterprise. It is shown in the calendar."),
            )
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The requester reads it. Use plain words, and suggest another time or place."),
        error_messages={
            "required": _("Write the reason for the rejection. The requester reads it.")
        },
    )
