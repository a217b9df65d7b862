"""Forms check the shape of what is typed; the services check what it means (seats, windows,
states)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from medborger.core.widgets import PlainLanguageTextarea
from medborger.meetings.models import REASON_MAX, SUMMARY_MAX, TITLE_MAX, MeetingKind


class FilterForm(forms.Form):
    omraade = forms.ChoiceField(label=_("Area"), required=False)
    type = forms.ChoiceField(label=_("Kind of meeting"), required=False)

    def __init__(self, *args: Any, areas: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["omraade"]).choices = [("", _("All areas"))] + [
            (a.slug, a.name) for a in areas
        ]
        cast(forms.ChoiceField, self.fields["type"]).choices = [
            ("", _("All kinds")),
            *MeetingKind.choices,
        ]


class SlotRequestForm(forms.Form):
    title = forms.CharField(
        label=_("What do you want to present?"),
        max_length=TITLE_MAX,
        help_text=_("Short and clear, for example: A new playground in Bakkely."),
    )
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=SUMMARY_MAX,
        widget=PlainLanguageTextarea(attrs={"rows": 5}),
        help_text=_("A few lines about your idea. The secretary reads it when giving out slots."),
    )
    proposal: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Link to one of your proposals"),
        queryset=None,
        required=False,
        empty_label=_("No proposal"),
    )

    def __init__(self, *args: Any, proposals: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from medborger.proposals.models import Proposal

        cast(forms.ModelChoiceField, self.fields["proposal"]).queryset = (  # type: ignore[type-arg]
            proposals if proposals is not None else Proposal.objects.none()
        )


class AllocateForm(forms.Form):
    position = forms.IntegerField(label=_("Number in the running order"), min_value=1, max_value=99)
    minutes = forms.IntegerField(
        label=pgettext_lazy("duration", "Minutes"), min_value=1, max_value=60, initial=5
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The person who asked sees the reason."),
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 10}), max_length=20000
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        required=False,
    )


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Registered people who came"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendance_count = forms.IntegerField(
        label=_("Number who attended in all"),
        min_value=0,
        max_value=100000,
        required=False,
        help_text=_("Include people who came without registering. Leave empty to count the marks."),
    )

    def __init__(self, *args: Any, registrations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["attended"]).choices = [
            (str(r.pk), r.user.name or r.user.email) for r in registrations
        ]


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Message to the people registered"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
