"""LIX (läsbarhetsindex, Björnsson 1968): words per sentence + percentage of long words.

A long word has more than six letters. Sentences end at . ! ? : (and at line breaks between
paragraphs), except after known abbreviations (f.eks., bl.a., t.ex., e.g.) and in numbers (1.000).
Scores: under 25 very easy, 25-34 easy, 35-44 medium, 45-54 hard, 55 and over very hard.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LONG_WORD_LETTERS = 6
LONG_SENTENCE_WORDS = 20
MANY_LONG_WORDS_SHARE = 0.4
TARGET = 40

# Abbreviations that end with a period but not a sentence, lowercase, without the final period.
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "da": frozenset(
        {
            "f.eks",
            "fx",
            "bl.a",
            "m.m",
            "mm",
            "osv",
            "dvs",
            "jf",
            "jvf",
            "ca",
            "evt",
            "inkl",
            "ekskl",
            "kl",
            "nr",
            "pkt",
            "stk",
            "hhv",
            "mht",
            "pga",
            "vedr",
            "ifm",
            "iht",
            "s",
            "tlf",
            "adr",
            "f",
            "ang",
            "bl",
            "o.l",
            "m.fl",
            "el",
            "mv",
            "kr",
            "mio",
            "mia",
            "tv",
        }
    ),
    "sv": frozenset(
        {
            "t.ex",
            "bl.a",
            "m.m",
            "mm",
            "osv",
            "dvs",
            "ca",
            "resp",
            "s.k",
            "t.o.m",
            "fr.o.m",
            "kl",
            "nr",
            "m.fl",
            "o.d",
            "p.g.a",
            "pga",
            "ev",
            "inkl",
            "exkl",
            "kap",
            "tel",
            "st",
            "kr",
            "milj",
            "mdr",
            "e.d",
            "f.d",
            "jfr",
            "s",
            "tex",
        }
    ),
    "en": frozenset(
        {
            "e.g",
            "i.e",
            "etc",
            "mr",
            "mrs",
            "ms",
            "dr",
            "prof",
            "no",
            "vs",
            "approx",
            "cf",
            "incl",
            "st",
            "jr",
            "sr",
            "p",
            "pp",
            "fig",
            "min",
            "max",
        }
    ),
}

# Abbreviations that often stand last in a sentence: they end it when a capital letter follows.
CAN_END_SENTENCE = frozenset(
    {"kr", "osv", "m.m", "mm", "m.fl", "mv", "etc", "o.l", "o.d", "mdr", "st"}
)

_PUNCTUATION = "\"'“”«»()[]{}.,;:!?…–—*_#>`"
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*#>]|\d+\.)\s)")


@dataclass(frozen=True)
class SentenceHint:
    index: int
    text: str
    words: int
    long_words: int
    hints: tuple[str, ...]  # codes: "long_sentence", "many_long_words"


@dataclass(frozen=True)
class LixReport:
    score: float
    words: int
    sentences: int
    long_words: int
    band: str  # very_easy, easy, medium, hard, very_hard, empty
    hints: tuple[SentenceHint, ...] = field(default_factory=tuple)

    @property
    def within_target(self) -> bool:
        return self.words == 0 or self.score <= TARGET


def words(text: str) -> list[str]:
    """Whitespace-separated tokens with at least one letter; "f.eks." and "1990'erne" are one
    word each, as in the usual LIX tools."""
    found = []
    for token in text.split():
        token = token.strip(_PUNCTUATION)
        if any(ch.isalpha() for ch in token):
            found.append(token)
    return found


def _is_long(word: str) -> bool:
    return sum(1 for ch in word if ch.isalpha()) > LONG_WORD_LETTERS


def _ends_sentence(text: str, end: int, language: str) -> bool:
    """Is the punctuation at text[end] the end of a sentence?"""
    char = text[end]
    if char in "!?":
        return True
    following = text[end + 1 : end + 3]
    if char == ":":
        return following[:1] in ("", "\n") or following.strip()[:1].isupper()
    # A period: not inside a number (1.000, 3.5), not after an abbreviation.
    before = text[max(0, end - 40) : end]  # a bounded look-behind keeps long texts linear
    if before[-1:].isdigit() and following[:1].isdigit():
        return False
    if following[:1] not in ("", " ", "\n", "\t", '"', "”", "»", ")"):
        return False
    token = re.search(r"([^\s(\"“«]+)$", before)
    if token:
        candidate = token.group(1).lower().rstrip(".")
        if candidate in ABBREVIATIONS.get(language, frozenset()):
            return candidate in CAN_END_SENTENCE and following.strip()[:1].isupper()
        if len(candidate) == 1 and candidate.isalpha() and language != "en":
            return False
    return True


def split_sentences(text: str, language: str = "da") -> list[str]:
    sentences: list[str] = []
    for block in _PARAGRAPH_BREAK.split(text or ""):
        start = 0
        for match in re.finditer(r"[.!?:]+", block):
            end = match.end() - 1
            if _ends_sentence(block, end, language):
                piece = block[start : match.end()].strip()
                if words(piece):
                    sentences.append(piece)
                start = match.end()
        rest = block[start:].strip()
        if words(rest):
            sentences.append(rest)
    return sentences


def lix_band(score: float) -> str:
    if score < 25:
        return "very_easy"
    if score < 35:
        return "easy"
    if score < 45:
        return "medium"
    if score < 55:
        return "hard"
    return "very_hard"


def lix(text: str, language: str = "da") -> LixReport:
    sentences = split_sentences(text, language)
    hints: list[SentenceHint] = []
    total_words = total_long = 0
    for index, sentence in enumerate(sentences):
        sentence_words = words(sentence)
        long_count = sum(1 for w in sentence_words if _is_long(w))
        total_words += len(sentence_words)
        total_long += long_count
        codes: list[str] = []
        if len(sentence_words) > LONG_SENTENCE_WORDS:
            codes.append("long_sentence")
        if len(sentence_words) >= 5 and long_count / len(sentence_words) >= MANY_LONG_WORDS_SHARE:
            codes.append("many_long_words")
        if codes:
            hints.append(
                SentenceHint(index, sentence, len(sentence_words), long_count, tuple(codes))
            )
    if total_words == 0:
        return LixReport(0.0, 0, 0, 0, "empty", ())
    score = total_words / len(sentences) + 100 * total_long / total_words
    return LixReport(
        round(score, 1), total_words, len(sentences), total_long, lix_band(score), tuple(hints)
    )
