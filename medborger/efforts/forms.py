"""The list page's filter. A value that is not one of the municipality's areas or target groups
is refused with a message (status 400), never a 500."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborger.core.widgets import PlainLanguageTextarea
from medborger.efforts.models import HOW_MAX


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


class ContributionForm(forms.Form):
    """Staff declare that a budget project or a proposal serves one of the municipality's goals.
    A goal of another municipality is not in the list (status 400); the service refuses a goal
    the target already serves and a target that cannot serve a goal."""

    goal: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Goal"),
        queryset=None,
        empty_label=_("Choose a goal"),
        error_messages={
            "required": _("Choose a goal."),
            "invalid_choice": _("Choose one of the municipality's goals in the list."),
        },
    )
    how = forms.CharField(
        label=_("How it serves the goal"),
        help_text=_("One or two short sentences. Residents read them next to the goal."),
        max_length=HOW_MAX,
        widget=PlainLanguageTextarea(attrs={"rows": 3}),
        error_messages={"required": _("Write how it serves the goal.")},
    )

    def __init__(self, *args: Any, goals: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = goals  # type: ignore[attr-defined]
