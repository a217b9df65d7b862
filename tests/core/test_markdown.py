"""render_markdown keeps one converter and one cleaner per thread (building them costs more than a
comment): the output must be what a fresh converter gives, and nothing may carry over from one
text to the next or from one thread to another."""

from __future__ import annotations

import threading

import markdown
import nh3

from medborger.core.markdown import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown

TEXTS = [
    "# Titel\n\nTekst med **fed**, *kursiv* og [et link][1].\n\n[1]: https://example.org",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "1. en\n2. to\n\n* tre",
    "> citat\n\n    kode",
    "<script>alert(1)</script> og [klik](javascript:alert(1))",
    'Hej <b onclick="x()">du</b> ![billede](http://example.org/x.png)',
    "",
]


def fresh(text: str) -> str:
    """What render_markdown gave before it reused its converter."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    for level in (3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(
            f"</h{level}>", f"</h{level + 1}>"
        )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener ugc",
    )


def test_the_output_is_what_a_fresh_converter_gives():
    for text in TEXTS + list(reversed(TEXTS)):
        assert str(render_markdown(text)) == fresh(text)


def test_nothing_carries_over_from_one_text_to_the_next():
    with_reference = render_markdown("[et link][1]\n\n[1]: https://example.org")
    assert 'href="https://example.org"' in with_reference
    assert str(render_markdown("[et link][1]")) == "<p>[et link][1]</p>"
    assert render_markdown(None) == ""  # type: ignore[arg-type]


def test_threads_render_side_by_side():
    expected = {text: fresh(text) for text in TEXTS}
    wrong: list[str] = []

    def work() -> None:
        for _round in range(30):
            for text in TEXTS:
                if str(render_markdown(text)) != expected[text]:
                    wrong.append(text)

    threads = [threading.Thread(target=work) for _n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
