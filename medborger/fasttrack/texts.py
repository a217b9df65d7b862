"""The words for fast-track states and amounts, in the reader's language."""

from django.utils.translation import gettext_lazy as _

from medborger.domain.country import kroner as country_kroner

STATUS_LABELS = {
    "submitted": _("Waiting for a decision"),
    "decision_overdue": _("Decision overdue"),
    "approved": _("Approved"),
    "rejected": _("Rejected"),
    "paid": _("Paid out"),
    "report_overdue": _("Report overdue"),
    "reported": _("Reported"),
}

STATUS_HELP = {
    "submitted": _("The municipality decides within the deadline."),
    "decision_overdue": _("The decision is late. The municipality has been told."),
    "approved": _("The money is granted. It is paid out to the responsible person."),
    "rejected": _("The application was not granted. The reason is shown."),
    "paid": _("The money is paid out. Send a short report with photos after the activity."),
    "report_overdue": _("The report is late. Send it as soon as you can."),
    "reported": _("The activity is over and the report is public."),
}


kroner = country_kroner  # one formatter for every app (medborger/domain/country.py)
