"""Forms check the shape of what is typed; the services check what it means (who may chair, the
order of the trail, the dates)."""

from __future__ import annotations

import os
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from medborger.cocreation.models import NOTES_MAX, OUTPUT_TEXT_MAX, TEXT_MAX, TaskStatusChoices
from medborger.core.widgets import PlainLanguageTextarea

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = {".pdf", ".odt", ".docx", ".jpg", ".jpeg", ".png"}


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=_date_widget())
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        error_messages={"required": _("Write where the group meets.")},
    )
    notes = forms.CharField(
        label=_("Notes (public)"),
        max_length=NOTES_MAX,
        required=False,
        widget=PlainLanguageTextarea(attrs={"rows": 8}),
        help_text=_("What was discussed and agreed. Everybody can read the notes."),
    )


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Notes (public)"),
        max_length=NOTES_MAX,
        required=False,
        widget=PlainLanguageTextarea(attrs={"rows": 10}),
        help_text=_("What was discussed and agreed. Everybody can read the notes."),
    )


class MemberChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


class TaskForm(forms.Form):
    title = forms.CharField(
        label=_("What must be done"),
        max_length=200,
        error_messages={"required": _("Write what must be done.")},
    )
    owner = MemberChoiceField(
        label=_("Owner"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the group's members.")},
    )
    due_on = forms.DateField(label=_("Due"), widget=_date_widget())

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members  # type: ignore[attr-defined]


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=TaskStatusChoices.choices,
        error_messages={"invalid_choice": _("Choose a status from the list.")},
    )


class OutputForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: Vision plan for the harbour."),
        error_messages={"required": _("Write a title.")},
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=OUTPUT_TEXT_MAX,
        widget=PlainLanguageTextarea(attrs={"rows": 12}),
        error_messages={"required": _("Write the text of the output.")},
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("Optional. PDF, ODT, DOCX, JPEG or PNG, at most 10 MB."),
    )
    attachment_title = forms.CharField(
        label=_("What the attachment is"), max_length=200, required=False
    )

    def clean_attachment(self) -> Any:
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        name = getattr(upload, "name", "")
        if os.path.splitext(name)[1].lower() not in ATTACHMENT_TYPES:
            raise ValidationError(
                _("The file %(name)s is not of an allowed type. Use PDF, ODT, DOCX, JPEG or PNG."),
                params={"name": name},
            )
        if (getattr(upload, "size", 0) or 0) > ATTACHMENT_MAX_BYTES:
            raise ValidationError(
                _("The file %(name)s is too large. The limit is 10 MB."), params={"name": name}
            )
        return upload


class PresentForm(forms.Form):
    meeting: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Citizens' meeting"),
        queryset=None,
        required=False,
        empty_label=_("A meeting that is not on the list"),
        error_messages={"invalid_choice": _("Choose one of the municipality's meetings.")},
        help_text=_("The municipality's meetings that have been held."),
    )
    on = forms.DateField(label=_("Date"), widget=_date_widget())
    note = forms.CharField(
        label=_("What happened (public)"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Needed when the meeting is not on the list: which meeting, when and where."),
    )

    def __init__(self, *args: Any, meetings: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]


class SendForm(forms.Form):
    committee: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Committee"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the municipality's committees.")},
    )
    requested_amount = forms.IntegerField(
        label=_("Grant applied for (kr)"),
        min_value=1,
        max_value=1_000_000_000,
        error_messages={"min_value": _("The amount must be at least 1 kr.")},
    )
    on = forms.DateField(label=_("Date"), widget=_date_widget())
    note = forms.CharField(
        label=_("Note (public)"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, committees: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = committees  # type: ignore[attr-defined]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("granted", _("Granted")), ("refused", _("Refused"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose granted or refused.")},
    )
    amount = forms.IntegerField(
        label=_("Amount granted (kr)"),
        min_value=1,
        max_value=1_000_000_000,
        required=False,
        help_text=_("Only when the grant is given."),
    )
    on = forms.DateField(label=_("Date of the decision"), widget=_date_widget())
    text = forms.CharField(
        label=_("The committee's decision (public)"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write the committee's decision. It is public.")},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("decision") == "granted"
            and data.get("amount") is None
            and "amount" not in self.errors
        ):
            self.add_error("amount", _("Write the amount granted."))
        return data


class ChairAppointForm(forms.Form):
    member = MemberChoiceField(
        label=_("New chair"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of the group's members.")},
    )
    on = forms.DateField(label=_("From"), widget=_date_widget())

    def __init__(self, *args: Any, members: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members  # type: ignore[attr-defined]


class ChairRotateForm(forms.Form):
    on = forms.DateField(label=_("From"), widget=_date_widget())
