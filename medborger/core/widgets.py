from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language

from medborger.core.plainlanguage import lix_context


class PlainLanguageTextarea(forms.Textarea):
    """A textarea that shows its LIX score and hints live while the author writes (htmx).

    Without JavaScript the score is computed when the form is rendered again, so an author who
    posts the form (and gets it back, for example with an error) still sees it."""

    template_name = "components/plain_language_textarea.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["lix_target"] = f"lix-{name}"
        if value:
            context["widget"]["lix"] = lix_context(str(value), get_language() or "da")
        return context
