"""Field validators for places; the checks themselves live in medborger.domain."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from medborger.domain.colours import AA_NORMAL_TEXT, contrast_ratio
from medborger.domain.registries import cvr_valid, organisationsnummer_valid

_GEOJSON_TYPES = {"Polygon", "MultiPolygon", "Feature", "FeatureCollection"}


def default_languages() -> list[str]:
    return ["da", "sv", "en"]


def validate_languages(value: Any) -> None:
    codes = {code for code, _name in settings.LANGUAGES}
    if not isinstance(value, list) or not value or any(v not in codes for v in value):
        raise ValidationError(_("Choose one or more of: %(codes)s.") % {"codes": ", ".join(codes)})


def validate_readable_on_white(value: str) -> None:
    """White text on this colour must reach WCAG AA contrast (4.5:1)."""
    try:
        ratio = contrast_ratio("#ffffff", value)
    except ValueError:
        raise ValidationError(_("Write the colour as #RRGGBB, for example #004993.")) from None
    if ratio < AA_NORMAL_TEXT:
        raise ValidationError(
            _("White text on this colour has contrast %(ratio).1f:1; at least 4.5:1 is needed.")
            % {"ratio": ratio}
        )


def validate_image_size(file: Any) -> None:
    limit = settings.MEDBORGER_MAX_IMAGE_BYTES
    if getattr(file, "size", 0) > limit:
        raise ValidationError(
            _("The image is too large. The limit is %(mb)d MB.") % {"mb": limit // (1024 * 1024)}
        )


def validate_geojson(value: Any) -> None:
    if value in (None, ""):
        return
    if not isinstance(value, dict) or value.get("type") not in _GEOJSON_TYPES:
        raise ValidationError(
            _(
                "The boundary must be GeoJSON of type Polygon, MultiPolygon, Feature or FeatureCollection."
            )
        )


def validate_registration_number(value: str, country: str) -> None:
    if country == "DK" and not cvr_valid(value):
        raise ValidationError(
            {"registration_number": _("This is not a valid CVR number (8 digits).")}
        )
    if country == "SE" and not organisationsnummer_valid(value):
        raise ValidationError(
            {"registration_number": _("This is not a valid organisationsnummer (NNNNNN-NNNN).")}
        )
