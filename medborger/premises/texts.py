"""The words for booking states, in the reader's language."""

from django.utils.translation import gettext_lazy as _

STATE_LABELS = {
    "requested": _("Waiting for a decision"),
    "approved": _("Approved"),
    "rejected": _("Rejected"),
    "cancelled": _("Cancelled"),
}

STATE_HELP = {
    "requested": _("A case officer looks at the request. You are told when it is decided."),
    "approved": _("The time is yours. It is shown in the public calendar."),
    "rejected": _("The request was not approved. The reason is shown."),
    "cancelled": _("The request was cancelled. The time is free for others."),
}
