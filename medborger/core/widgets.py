from __future__ import annotations

from typing import Any

from django import forms


class PlainLanguageTextarea(forms.Textarea):
    """A textarea that shows its LIX score and hints live while the author writes (htmx).

    Without JavaScript the score is shown after the form is posted back."""

    template_name = "components/plain_language_textarea.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["lix_target"] = f"lix-{name}"
        return context
