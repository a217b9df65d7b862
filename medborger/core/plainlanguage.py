"""The LIX widget's words: bands and hints in the reader's language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from medborger.domain.plainlanguage import lix
from medborger.domain.plainlanguage.lix import TARGET


def band_label(band: str) -> str:
    return {
        "empty": _("No text yet"),
        "very_easy": _("very easy"),
        "easy": _("easy"),
        "medium": _("medium"),
        "hard": _("hard"),
        "very_hard": _("very hard"),
    }[band]


def hint_label(code: str) -> str:
    return {
        "long_sentence": _("Long sentence: split it in two."),
        "many_long_words": _("Many long words: use shorter, everyday words."),
    }[code]


def lix_context(text: str, language: str) -> dict[str, Any]:
    report = lix(text, language if language in ("da", "sv", "en") else "da")
    return {
        "lix": report,
        "lix_target": TARGET,
        "lix_band": band_label(report.band),
        "lix_hints": [
            {"text": h.text, "messages": [hint_label(c) for c in h.hints]} for h in report.hints[:8]
        ],
    }
