from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from medborger.accounts.fake_eid import TEST_PERSONS
from medborger.accounts.models import NotificationFrequency, User
from medborger.places.models import LANGUAGE_CHOICES


class SignupForm(forms.Form):
    """Extra field on allauth's sign-up form: the name others see next to contributions."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("Shown next to what you write. You can use only your first name."),
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.name = self.cleaned_data["name"].strip()
        user.save(update_fields=["name"])


class SettingsForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    preferred_language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("As the browser says")), *LANGUAGE_CHOICES],
        required=False,
    )
    notification_frequency = forms.ChoiceField(
        label=_("Email about what you follow"),
        choices=NotificationFrequency.choices,
        widget=forms.RadioSelect,
    )


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted and cannot be restored."),
        required=True,
        error_messages={"required": _("Tick the box to confirm.")},
    )


class FakeEidForm(forms.Form):
    person = forms.ChoiceField(
        label=_("Test person"),
        choices=[(p.code, f"{p.name}, {p.birth_date:%d.%m.%Y}") for p in TEST_PERSONS],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a test person.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
