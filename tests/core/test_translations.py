"""Every UI string is translated to Danish and Swedish, and pages speak the chosen language."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("language", ["da", "sv"])
def test_catalogue_has_no_untranslated_or_fuzzy_entries(language):
    msgattrib = shutil.which("msgattrib")
    assert msgattrib, "GNU gettext is needed (it also compiles the catalogues)"
    po = ROOT / "locale" / language / "LC_MESSAGES" / "django.po"
    for flag in ("--untranslated", "--only-fuzzy"):
        out = subprocess.run(
            [msgattrib, flag, "--no-obsolete", str(po)], capture_output=True, text=True, check=True
        ).stdout
        entries = [
            line for line in out.splitlines() if line.startswith("msgid ") and line != 'msgid ""'
        ]
        assert not entries, f"{language} {flag}: {entries[:10]}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", ["Åbent nu", "Gå til indhold", "Log ind"]),
        ("sv", ["Öppet nu", "Logga in"]),
        ("en", ["Open now", "Sign in"]),
    ],
)
def test_front_page_speaks_the_language(language, expected, municipality, client_for):
    html = client_for(municipality, language=language).get("/").content.decode()
    for text in expected:
        assert text in html
