"""Forms for goals: the dashboard filter and the measurement import."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborger.goals import selectors
from medborger.goals.services import MAX_BYTES
from medborger.places.models import Municipality


class DashboardFilterForm(forms.Form):
    committee: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Committee"), queryset=None, required=False, empty_label=_("All committees")
    )
    area: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Area"), queryset=None, required=False, empty_label=_("The whole municipality")
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        committee = self.fields["committee"]
        area = self.fields["area"]
        assert isinstance(committee, forms.ModelChoiceField)
        assert isinstance(area, forms.ModelChoiceField)
        committee.queryset = selectors.committees_with_goals(municipality)
        area.queryset = selectors.areas_of(municipality)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file (.csv) or an Excel file (.xlsx). The first row names the columns: "
            "indicator, area, date, value, source (and optionally unit)."
        ),
    )
    confirm = forms.BooleanField(
        label=_("I have checked the values outside the plausible range, and they are right"),
        required=False,
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is too large. It may be at most 2 MB."))
        return upload


class MeasurementForm(forms.Form):
    """One figure typed in by staff. The service checks its meaning (range, duplicates, date)."""

    area: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Area"), queryset=None, required=False, empty_label=_("The whole municipality")
    )
    date = forms.DateField(
        label=_("Date measured"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day the figure is for, for example the last day of the year."),
    )
    value = forms.DecimalField(label=_("Value"), localize=True)
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("Where the figure comes from, for example a report or a register."),
    )
    confirm = forms.BooleanField(
        label=_("The value is outside the plausible range, and I have checked that it is right"),
        required=False,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area = self.fields["area"]
        assert isinstance(area, forms.ModelChoiceField)
        area.queryset = selectors.areas_of(municipality)
