"""Forms check the shape of what was posted; services.py checks what it means."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from medborger.comments.models import (
    HIDDEN_REASON_MAX_LENGTH,
    MAX_LENGTH,
    REPORT_TEXT_MAX_LENGTH,
    ReportReason,
)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write something before you publish the comment."),
            "max_length": _(
                "A comment can be at most %(limit_value)d characters long. Yours is %(show_value)d."
            ),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = gettext(
            "At most %(limit)d characters. You can use markdown: **bold**, *italic*, lists "
            "and links."
        ) % {"limit": MAX_LENGTH}


class CommentEditForm(CommentForm):
    parent = None  # type: ignore[assignment]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you report the comment?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose why you report the comment.")},
    )
    text = forms.CharField(
        label=_("Tell the moderators more"),
        required=False,
        max_length=REPORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "The explanation can be at most %(limit_value)d characters long. Yours is "
                "%(show_value)d."
            )
        },
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown in place of the comment"),
        max_length=HIDDEN_REASON_MAX_LENGTH,
        help_text=_("Everyone can read this. Do not repeat what the comment said."),
        error_messages={
            "required": _("Write the reason that is shown in place of the comment."),
            "max_length": _(
                "The reason can be at most %(limit_value)d characters long. Yours is "
                "%(show_value)d."
            ),
        },
    )
