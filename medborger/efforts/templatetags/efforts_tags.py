"""`{% load efforts_tags %}{% serving_goal goal as serving %}` for the goal page: everything that
serves a goal (efforts, funded budget projects, adopted proposals), from the efforts app."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def serving_goal(goal: Any) -> Any:
    from medborger.efforts.selectors import serving

    return serving(goal)
