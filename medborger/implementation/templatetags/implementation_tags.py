"""`{% load implementation_tags %}` for pages of other apps that show a project's progress:

    {% with progress=progress_by_project|progress_of:project.pk %}
      {% include "implementation/partials/progress_summary.html" with progress=progress %}
    {% endwith %}

`progress_by_project` is what `selectors.progress_for_projects(ids)` returns."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import template

register = template.Library()


@register.filter
def progress_of(progress_by_project: Mapping[int, Any] | None, project_id: Any) -> Any:
    if not progress_by_project:
        return None
    try:
        return progress_by_project.get(int(project_id))
    except (TypeError, ValueError):
        return None
