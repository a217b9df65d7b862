"""Texts shown for the goal statuses, so every page says the same."""

from __future__ import annotations

from django.utils.translation import gettext as _

from medborger.domain.goals import Status


def status_label(status: str) -> str:
    labels = {
        Status.ON_TRACK: _("On track"),
        Status.AT_RISK: _("At risk"),
        Status.OFF_TRACK: _("Off track"),
        Status.NO_DATA: _("No data yet"),
    }
    return str(labels.get(Status(status), status)) if status in set(Status) else status


def status_help(status: str) -> str:
    texts = {
        Status.ON_TRACK: _("The latest figure is where it should be on the way to the target."),
        Status.AT_RISK: _("The latest figure is behind the plan, but not far behind."),
        Status.OFF_TRACK: _("The latest figure is far behind the plan, or the deadline passed."),
        Status.NO_DATA: _("There is no measurement since the baseline yet."),
    }
    return str(texts.get(Status(status), "")) if status in set(Status) else ""
