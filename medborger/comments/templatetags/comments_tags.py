"""The comment section of any registered object, and how a comment's markdown is shown.

{% load comments_tags %}{% comment_section target %}
"""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from medborger.core.markdown import render_markdown

register = template.Library()

# A "<" that does not open an autolink such as <https://example.org>.
_RAW_HTML_START = re.compile(r"<(?!(?:https?://|mailto:)[^\s<>]*>)")


@register.inclusion_tag("comments/partials/_comments.html", takes_context=True)
def comment_section(context: template.Context, target: Any) -> dict[str, Any]:
    from medborger.comments.views import section_context

    return section_context(context["request"], target)


@register.filter
def comment_markdown(text: str) -> SafeString:
    """Markdown as HTML; HTML typed into a comment is shown as text (and nh3 cleans the rest)."""
    escaped = _RAW_HTML_START.sub("&lt;", text or "")
    html = str(render_markdown(escaped))
    # In code spans markdown escapes the "&" of our "&lt;" again; undo that one step.
    return mark_safe(html.replace("&amp;lt;", "&lt;"))  # noqa: S308 - cleaned by nh3
