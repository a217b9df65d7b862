from hypothesis import given
from hypothesis import strategies as st

from medborger.domain.plainlanguage import lix, split_sentences, words
from medborger.domain.plainlanguage.lix import lix_band


def test_lix_formula_on_a_known_text():
    # 10 words, 2 sentences, 3 long words (>6 letters): 10/2 + 100*3/10 = 35
    text = "Kommunen holder borgermøde i aften. Alle er meget velkomne der."
    report = lix(text, "da")
    assert (report.words, report.sentences, report.long_words) == (10, 2, 3)
    assert report.score == 35.0
    assert report.band == "medium"


def test_danish_abbreviations_do_not_end_sentences():
    text = "Vi mødes kl. 17, f.eks. i hallen. Der er bl.a. kaffe, fx kage m.m. til alle."
    assert split_sentences(text, "da") == [
        "Vi mødes kl. 17, f.eks. i hallen.",
        "Der er bl.a. kaffe, fx kage m.m. til alle.",
    ]


def test_swedish_abbreviations_do_not_end_sentences():
    text = "Vi ses t.ex. på måndag, bl.a. i parken. Ta med fika m.m. om du vill."
    assert len(split_sentences(text, "sv")) == 2


def test_numbers_with_points_are_not_sentence_ends():
    assert len(split_sentences("Puljen er på 100.000 kr. Den deles ud i maj.", "da")) == 2
    assert len(split_sentences("Der kom 1.250 borgere til mødet.", "da")) == 1


def test_abbreviations_count_as_one_word():
    assert words("Vi har bl.a. f.eks. kaffe") == ["Vi", "har", "bl.a", "f.eks", "kaffe"]


def test_hints_point_at_long_sentences_and_long_words():
    long_sentence = " ".join(["ord"] * 25) + "."
    heavy = "Kommunalbestyrelsens beslutningsgrundlag indeholder omfattende økonomiske konsekvensberegninger."
    report = lix(f"{long_sentence} {heavy}", "da")
    codes = {code for hint in report.hints for code in hint.hints}
    assert codes == {"long_sentence", "many_long_words"}


def test_empty_text():
    report = lix("   ", "da")
    assert report.band == "empty" and report.words == 0 and report.within_target


def test_bands():
    assert [lix_band(s) for s in (10, 30, 40, 50, 60)] == [
        "very_easy",
        "easy",
        "medium",
        "hard",
        "very_hard",
    ]


@given(st.text(max_size=2000), st.sampled_from(["da", "sv", "en"]))
def test_lix_never_fails_and_counts_consistently(text, language):
    report = lix(text, language)
    assert report.long_words <= report.words
    assert (report.words == 0) == (report.sentences == 0)
    assert report.score >= 0


def test_a_very_long_text_is_scored():
    text = "Vi mødes i hallen, f.eks. kl. 17. " * 3000  # about 100,000 characters
    report = lix(text, "da")
    assert report.sentences == 3000 and report.words == 3000 * 6
