"""The words for hearing states, in the reader's language."""

from django.utils.translation import gettext_lazy as _

STATUS_LABELS = {
    "upcoming": _("Opens soon"),
    "open": _("Open for responses"),
    "closed": _("Closed"),
}
