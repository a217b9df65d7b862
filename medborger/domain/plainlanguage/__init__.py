"""Plain-language scoring: LIX for Danish, Swedish and English, with per-sentence hints."""

from medborger.domain.plainlanguage.lix import (
    LixReport,
    SentenceHint,
    lix,
    lix_band,
    split_sentences,
    words,
)

__all__ = ["LixReport", "SentenceHint", "lix", "lix_band", "split_sentences", "words"]
