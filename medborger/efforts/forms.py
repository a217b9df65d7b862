"""The list page's filter. A value that is not one of the municipality's areas or target groups
is refused with a message (status 400), never a 500."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class FilterForm(forms.Form):
    omraade: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Area"),
        queryset=None,
        required=False,
        empty_label=_("All areas"),
        error_messages={"invalid_choice": _("Choose one of the areas in the list.")},
    )
    maalgruppe: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=None,
        required=False,
        empty_label=_("All target groups"),
        error_messages={"invalid_choice": _("Choose one of the target groups in the list.")},
    )

    def __init__(self, *args: Any, areas: Any, target_groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["omraade"].queryset = areas  # type: ignore[attr-defined]
        self.fields["maalgruppe"].queryset = target_groups  # type: ignore[attr-defined]
