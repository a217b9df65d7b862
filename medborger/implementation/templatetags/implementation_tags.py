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


@register.simple_tag
def progress_for(projects: Any) -> dict[int, Any]:
    """`{% progress_for projects as progress_by_project %}`: the progress of the funded ones among
    `projects` (BudgetProjects, or rows with a `.project`), in two queries."""
    from medborger.implementation.selectors import progress_for_projects

    ids = [getattr(item, "project", item).pk for item in projects or []]
    return progress_for_projects(ids)
