"""Forms check the shape of what is typed; the services check what it means (capacity, dates,
certificates, who may)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborger.core.widgets import PlainLanguageTextarea
from medborger.domain.lifecycle.volunteering import MAX_SESSIONS
from medborger.volunteering.models import NAME_MAX, TEXT_MAX, ContributionKind, FrequencyChoices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def minutes_of(hours: Decimal) -> int:
    return int((hours * 60).to_integral_value())


class SeriesForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=NAME_MAX,
        help_text=_("For example: Clean-up at the harbour."),
    )
    description = forms.CharField(
        label=_("What will happen"),
        max_length=TEXT_MAX,
        required=False,
        widget=PlainLanguageTextarea(attrs={"rows": 5}),
    )
    place = forms.CharField(label=_("Meeting place"), max_length=200)
    frequency = forms.ChoiceField(label=_("How often"), choices=FrequencyChoices.choices)
    start_date = forms.DateField(label=_("First day"), widget=DATE)
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=720, initial=120
    )
    count = forms.IntegerField(
        label=_("Number of times"),
        min_value=1,
        max_value=MAX_SESSIONS,
        required=False,
        help_text=_("Give the number of times or the last day."),
    )
    end_date = forms.DateField(label=_("Last day"), widget=DATE, required=False)
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    requires_certificate = forms.BooleanField(
        label=_("Children take part: a child-protection certificate (børneattest) is required"),
        required=False,
    )


class SessionChangeForm(forms.Form):
    place = forms.CharField(label=_("Meeting place"), max_length=200)
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=500,
        required=False,
        help_text=_("Leave empty for no limit."),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the session cancelled?"),
        max_length=300,
        help_text=_("It is shown to everyone who signed up."),
        error_messages={"required": _("Say why the session is cancelled. It is shown.")},
    )


class OwnHoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours"),
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        help_text=_("For example 2 or 1.5."),
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class TeamHoursForm(OwnHoursForm):
    volunteer = forms.TypedChoiceField(label=_("Volunteer"), coerce=int)
    session = forms.TypedChoiceField(label=_("Session"), coerce=int)

    field_order = ["volunteer", "session", "hours", "note"]

    def __init__(self, *args: Any, members: Any = (), sessions: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (m.user_id, m.user.name or m.user.email) for m in members
        ]
        self.fields["session"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (s.pk, f"{s.series.title}, {s.starts_at:%d.%m.%Y}") for s in sessions
        ]


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ContributionKind.choices)
    description = forms.CharField(
        label=_("What"), max_length=200, help_text=_("For example: Safety vests, size L.")
    )
    amount = forms.IntegerField(
        label=_("Amount (kr)"),
        min_value=1,
        max_value=10_000_000,
        required=False,
        help_text=_("For money and fuel money."),
    )
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("For equipment."),
    )
    unit = forms.CharField(
        label=_("Unit"), max_length=30, required=False, help_text=_("For example: pieces, rolls.")
    )
    given_on = forms.DateField(label=_("Date"), widget=DATE)


class CertificateForm(forms.Form):
    volunteer = forms.TypedChoiceField(label=_("Volunteer"), coerce=int)
    checked_on = forms.DateField(
        label=_("Certificate seen on"),
        widget=DATE,
        help_text=_(
            "Only the date is stored. Do not upload or type in the certificate or a CPR number."
        ),
    )

    def __init__(self, *args: Any, people: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].choices = [("", "—")] + [  # type: ignore[attr-defined]
            (p.pk, p.name or p.email) for p in people
        ]
