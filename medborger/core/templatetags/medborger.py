"""Presentation helpers for templates: Det Fælles Designsystem classes and ARIA on form widgets,
markdown rendering. No domain logic here."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.widgets import Input
from django.utils.safestring import SafeString

from medborger.core.markdown import render_markdown

register = template.Library()

_WIDGET_CLASSES: list[tuple[type[forms.Widget], str]] = [
    (forms.CheckboxInput, "form-checkbox"),
    (forms.RadioSelect, "form-radio"),
    (forms.CheckboxSelectMultiple, "form-checkbox"),
    (forms.Select, "form-select"),
    (forms.Textarea, "form-input"),
    (Input, "form-input"),
]


@register.simple_tag
def fds_widget(field: forms.BoundField) -> SafeString:
    """Render a widget with DKFDS classes and aria-describedby pointing at its hint and error."""
    attrs: dict[str, Any] = {}
    widget = field.field.widget
    for widget_type, css in _WIDGET_CLASSES:
        if isinstance(widget, widget_type):
            if not isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                attrs["class"] = " ".join(filter(None, [widget.attrs.get("class"), css]))
            break
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_hint")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def is_choice_group(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)
