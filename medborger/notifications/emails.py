"""The emails about notifications: one per event, or a daily digest.

Rendered in the recipient's language (their saved choice when the municipality offers it, else
the municipality's default), as plain text with an HTML alternative, the subject prefixed with the
municipality's name, and a link to the profile page where the frequency is changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from medborger.notifications.models import Notification

SUPPORTED_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def email_language(*, user: Any, municipality: Any) -> str:
    offered = [code for code in (municipality.languages or []) if code in SUPPORTED_LANGUAGES]
    if user.preferred_language and user.preferred_language in offered:
        return str(user.preferred_language)
    if municipality.default_language in SUPPORTED_LANGUAGES:
        return str(municipality.default_language)
    return str(settings.LANGUAGE_CODE)


def absolute_url(*, municipality: Any, path: str) -> str:
    """A link that works from a mail client: the municipality's first host name in front."""
    if not path or path.startswith(("http://", "https://")):
        return path
    hosts = municipality.host_list()
    if not hosts:
        return path
    scheme = "https" if getattr(settings, "SECURE_SSL_REDIRECT", False) else "http"
    return f"{scheme}://{hosts[0]}{path}"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def notification_email(
    *, recipient: Any, municipality: Any, notifications: Sequence[Notification], digest: bool
) -> EmailMultiAlternatives:
    """Build (not send) the email about these notifications for one recipient."""
    if not notifications:
        raise ValueError("An email needs at least one notification.")
    with translation.override(email_language(user=recipient, municipality=municipality)):
        if digest:
            topic = ngettext(
                "%(count)d new notification", "%(count)d new notifications", len(notifications)
            ) % {"count": len(notifications)}
        else:
            topic = notifications[0].title
        subject = _one_line(f"{municipality.name}: {topic}")
        context = {
            "recipient": recipient,
            "municipality": municipality,
            "digest": digest,
            "items": [
                {
                    "title": n.title,
                    "body": n.body,
                    "url": absolute_url(municipality=municipality, path=n.url),
                    "created_at": n.created_at,
                }
                for n in notifications
            ],
            "settings_url": absolute_url(
                municipality=municipality, path=reverse("accounts:profile")
            ),
            "list_url": absolute_url(municipality=municipality, path=reverse("notifications:list")),
            "language": translation.get_language(),
            "subject": subject,
        }
        text = render_to_string("notifications/email/notifications.txt", context)
        html = render_to_string("notifications/email/notifications.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[recipient.email])
    message.attach_alternative(html, "text/html")
    return message
