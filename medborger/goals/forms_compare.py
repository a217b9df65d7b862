"""The form of the comparison page: choose one of the municipality's indicators, grouped by
goal. An unknown id, another municipality's indicator or a non-number is refused with a message
in the form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborger.goals.models import Goal, Indicator


class CompareForm(forms.Form):
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        error_messages={
            "required": _("Choose an indicator."),
            "invalid_choice": _("Choose one of the indicators in the list."),
        },
    )

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._indicators: dict[str, Indicator] = {}
        choices: list[tuple[str, list[tuple[str, str]]]] = []
        for goal in goals:
            options = []
            for indicator in goal.indicators.all():
                self._indicators[str(indicator.pk)] = indicator
                options.append((str(indicator.pk), f"{indicator.name} ({indicator.unit})"))
            if options:
                choices.append((goal.title, options))
        field = self.fields["indicator"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def clean_indicator(self) -> Indicator:
        return self._indicators[self.cleaned_data["indicator"]]
