from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborger.core.widgets import PlainLanguageTextarea
from medborger.places.statements import placeholders_in


class InfoPageForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        max_length=50_000,
        widget=PlainLanguageTextarea(attrs={"rows": 16}),
        help_text=_("Markdown: a line starting with # is a heading, - starts a list item."),
    )

    def __init__(self, *args: Any, checks_placeholders: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the accessibility statement starts from a template with {placeholders}; other
        # pages may use curly brackets as they like.
        self.checks_placeholders = checks_placeholders

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        left = placeholders_in(body) if self.checks_placeholders else []
        if left:
            raise forms.ValidationError(
                _("Fill in or remove the parts in curly brackets first: %(parts)s")
                % {"parts": ", ".join(left[:5])}
            )
        return body
