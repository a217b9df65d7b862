"""Accessibility statement templates: what a municipality's statement starts from.

Denmark and Sweden ask for different statements: Digitaliseringsstyrelsen's WAS-Tool structure
(overholdelsesstatus, ikke-tilgængeligt indhold, udarbejdelse, feedback og kontakt,
håndhævelsesprocedure) and Digg's (förenlighet med lagkraven, innehåll som inte är tillgängligt,
hur vi testat webbplatsen, kontakta oss, tillsyn). Each is a template file in the country's
language, not a gettext string: the statement is published in that language. What only the
municipality knows is left as a {placeholder}; InfoPageForm refuses to publish a text that still
has one.
"""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from medborger.domain.country import official_language
from medborger.places.models import InfoPage, Municipality

TITLES = {"DK": "Tilgængelighedserklæring", "SE": "Tillgänglighetsredogörelse"}
TEMPLATES = {
    "DK": "places/statements/accessibility_dk.md",
    "SE": "places/statements/accessibility_se.md",
}
# What the templates accept in `values` instead of a placeholder.
FIELDS = (
    "site_url",
    "was_url",
    "known_issues",
    "prepared_date",
    "review_date",
    "published_date",
    "updated_date",
    "own_evaluation",
    "phone",
    "email",
    "answer_days",
)
PLACEHOLDER = re.compile(r"\{[^{}\n]{1,120}\}")


def placeholders_in(text: str) -> list[str]:
    """The {placeholders} still in a text."""
    return PLACEHOLDER.findall(text or "")


def statement_template(
    *, municipality: Municipality, language: str, values: dict[str, str] | None = None
) -> tuple[str, str] | None:
    """Title and body that prefill the accessibility statement of a municipality, in its
    country's structure and language; None for another language or an unknown country.
    The municipality's contact details are filled in; `values` fills more placeholders."""
    country = (municipality.country or "").upper()
    if country not in TEMPLATES or official_language(country) != language:
        return None
    hosts = municipality.host_list()
    # the public name (lyngholt.dk), not a local one (127.0.0.1, localhost) listed first
    host = next((h for h in hosts if "." in h and re.search("[a-z]", h)), None)
    context: dict[str, object] = {
        "municipality": municipality,
        "site_url": f"https://{host}/" if host else "",
        "email": municipality.contact_email,
        "phone": municipality.contact_phone,
    }
    context.update({key: value for key, value in (values or {}).items() if key in FIELDS})
    rendered = str(render_to_string(TEMPLATES[country], context))  # Markdown, not HTML
    return TITLES[country], re.sub(r"\n{3,}", "\n\n", rendered).strip() + "\n"


def initial_for_new_page(*, municipality: Municipality, kind: str, language: str) -> dict[str, str]:
    """What the editor starts from when a page is written for the first time."""
    if kind != InfoPage.Kind.ACCESSIBILITY:
        return {}
    template = statement_template(municipality=municipality, language=language)
    if template is None:
        return {}
    title, body = template
    return {"title": title, "body": body}
