"""Template tags of the efforts app, for pages of other apps that must not import it:

- `{% serving_goal goal as serving %}` for the goal page: everything that serves a goal (efforts,
  funded budget projects, adopted proposals).
- `{% goals_served project %}` / `{% goals_served proposal heading_class="h4" %}` for a budget
  project's or a proposal's page: the goals it serves, with how, and for the staff who keep the
  goals a link to the page where they declare them. Renders nothing when there is nothing to
  show. A fixed number of queries however many goals."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def serving_goal(goal: Any) -> Any:
    from medborger.efforts.selectors import serving

    return serving(goal)


@register.inclusion_tag("efforts/partials/_goals_served.html", takes_context=True)
def goals_served(context: template.Context, target: Any, heading_class: str = "") -> dict[str, Any]:
    from medborger.efforts.selectors import goals_served as served

    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    return {"served": served(target, user), "heading_class": heading_class}
