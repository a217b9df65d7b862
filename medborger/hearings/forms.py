"""Forms check the shape of what is typed; the services check what it means (the window, the
organisation, how many files in all)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from medborger.domain.lifecycle import hearings as lifecycle
from medborger.hearings.files import upload_refusal
from medborger.hearings.models import COMMENT_MAX, REPLY_MAX, SECTION_COMMENT_MAX, StanceChoices

ATTACHMENT_HELP = _("Up to 3 files: PDF, JPEG, PNG or DOCX, at most 10 MB each.")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files from one input; each is checked by name, content and size, and every
    problem is named with the file it belongs to."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > lifecycle.RESPONSE_MAX_ATTACHMENTS:
            raise ValidationError(
                _("Add at most %(count)s files to a response."),
                code="too_many",
                params={"count": lifecycle.RESPONSE_MAX_ATTACHMENTS},
            )
        errors = [
            message
            for upload in files
            if (
                message := upload_refusal(
                    upload,
                    allowed=lifecycle.RESPONSE_KINDS,
                    max_bytes=lifecycle.RESPONSE_ATTACHMENT_MAX_BYTES,
                )
            )
        ]
        if errors:
            raise ValidationError(errors)
        return files


class ResponseForm(forms.Form):
    organisation = forms.TypedChoiceField(
        label=_("Who is responding?"), required=False, coerce=int, empty_value=None
    )
    stance = forms.ChoiceField(
        label=_("What do you think of the proposal overall?"),
        required=False,
        choices=[
            (StanceChoices.AGREE.value, _("I agree")),
            (StanceChoices.MIXED.value, _("I partly agree")),
            (StanceChoices.DISAGREE.value, _("I disagree")),
            (StanceChoices.NONE.value, _("I do not want to say")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Your overall comment"),
        max_length=COMMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "What you think of the proposal as a whole. You can also comment on each section below."
        ),
    )
    attachments = AttachmentsField(
        label=_("Attach files"), required=False, help_text=ATTACHMENT_HELP
    )
    remove_attachments = forms.TypedMultipleChoiceField(
        label=_("Remove files you attached before"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    publish_name = forms.BooleanField(
        label=_("Show my name with the response"),
        required=False,
        help_text=_(
            "If you do not tick this, the response is shown as from a resident of your area. "
            "A response on behalf of an organisation always shows the organisation's name."
        ),
    )

    def __init__(
        self,
        *args: Any,
        sections: Any = (),
        organisations: Any = (),
        existing_attachments: Any = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections = list(sections)
        choices: list[tuple[Any, Any]] = [("", _("Myself, as a resident"))]
        choices += [(o.pk, str(o.name)) for o in organisations]
        self.fields["organisation"].choices = choices  # type: ignore[attr-defined]
        if len(choices) == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["remove_attachments"].choices = [  # type: ignore[attr-defined]
            (a.pk, a.name) for a in existing_attachments
        ]
        if not existing_attachments:
            del self.fields["remove_attachments"]
        for section in self.sections:
            self.fields[f"section_{section.pk}"] = forms.CharField(
                label=_("Comment on section %(number)s: %(title)s")
                % {"number": section.number, "title": section.title},
                max_length=SECTION_COMMENT_MAX,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        # The section fields come after the overall comment, before the files.
        order = ["organisation", "stance", "comment"]
        order += [f"section_{s.pk}" for s in self.sections]
        order += ["attachments", "remove_attachments", "publish_name"]
        self.order_fields(order)

    def section_texts(self) -> dict[int, str]:
        return {s.pk: self.cleaned_data.get(f"section_{s.pk}", "") or "" for s in self.sections}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            not any(
                (data.get(name) or "").strip()
                for name in ["comment", *(f"section_{s.pk}" for s in self.sections)]
            )
            and "comment" not in self.errors
        ):
            self.add_error(
                "comment",
                _("Write your response: an overall comment, or a comment on at least one section."),
            )
        return data


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Reply from the administration (public)"),
        max_length=REPLY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Answer in plain words: what the municipality will do with the response."),
    )
    themes = forms.TypedMultipleChoiceField(
        label=_("Themes"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, themes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(t.pk, t.name) for t in themes]  # type: ignore[attr-defined]


class ThemeForm(forms.Form):
    name = forms.CharField(
        label=_("New theme"),
        max_length=80,
        help_text=_("For example Traffic or Nature."),
        error_messages={"required": _("Write the name of the theme.")},
    )
