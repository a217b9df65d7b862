from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborger.core.widgets import PlainLanguageTextarea
from medborger.places.models import Area, Committee
from medborger.proposals.models import BODY_MAX, SUMMARY_MAX, TITLE_MAX, Decision, Sdg, Topic
from medborger.proposals.sdgs import sdg_name


class SdgChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number}. {sdg_name(obj.number)}"


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("Short and clear, for example: More benches along the harbour path."),
    )
    summary = forms.CharField(
        label=_("Short summary"),
        max_length=SUMMARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences. It is shown in the list of proposals."),
    )
    body = forms.CharField(
        label=_("Your proposal"),
        max_length=BODY_MAX,
        widget=PlainLanguageTextarea(attrs={"rows": 12}),
        help_text=_("What do you propose, and why? You can use simple markdown."),
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sdgs = SdgChoiceField(
        label=_("UN sustainable development goals"),
        queryset=Sdg.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    image = forms.ImageField(label=_("Image"), required=False)
    image_alt = forms.CharField(
        label=_("What the image shows"),
        max_length=200,
        required=False,
        help_text=_("For people who cannot see the image."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, decimal_places=5
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, decimal_places=5
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(municipality=municipality)  # type: ignore[attr-defined]
        self.fields["topics"].queryset = Topic.objects.filter(municipality=municipality)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("image") and not data.get("image_alt"):
            self.add_error("image_alt", _("Describe the image in a few words."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data


class SupportForm(forms.Form):
    show_name = forms.BooleanField(
        label=_("Show my name on the list of supporters"),
        required=False,
        help_text=_("If you do not tick the box, only the number of supporters is shown."),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw the proposal?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApproveForm(forms.Form):
    contact_person: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Contact person"),
        queryset=None,
        required=True,  # type: ignore[arg-type]
        help_text=_("The case officer who answers the proposer's questions."),
    )

    def __init__(self, *args: Any, staff_queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact_person"].queryset = staff_queryset  # type: ignore[attr-defined]


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    rule = forms.CharField(
        label=_("The rule it breaks"),
        max_length=200,
        help_text=_("For example: The proposal is about a single person's case."),
    )


class PaperSupportForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    birth_date = forms.DateField(
        label=_("Birth date"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    address = forms.CharField(label=_("Address"), max_length=200)
    address_in_area = forms.BooleanField(
        label=_("I have checked that the address is in the proposal's area"), required=False
    )
    sheet_reference = forms.CharField(
        label=_("Sheet"), max_length=60, required=False, help_text=_("For example: sheet 3 of 12.")
    )


class ReferralForm(forms.Form):
    committee = forms.ModelChoiceField(label=_("Committee"), queryset=Committee.objects.none())
    case_number = forms.CharField(label=_("Case number"), max_length=60, required=False)
    meeting_at = forms.DateTimeField(
        label=_("Meeting"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(municipality=municipality)  # type: ignore[attr-defined]


ATTACHMENT_TYPES = (".pdf", ".docx", ".odt", ".xlsx", ".png", ".jpg", ".jpeg")


def validate_attachment(file: Any) -> None:
    from django.conf import settings
    from django.core.exceptions import ValidationError

    name = getattr(file, "name", "").lower()
    if not name.endswith(ATTACHMENT_TYPES):
        raise ValidationError(_("Attach a PDF, Word, OpenDocument, Excel or image file."))
    if getattr(file, "size", 0) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        raise ValidationError(_("The file is too large. The limit is 5 MB."))


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    answer_text = forms.CharField(
        label=_("The answer in plain language"),
        max_length=10_000,
        widget=PlainLanguageTextarea(attrs={"rows": 10}),
        help_text=_("What did the committee decide, and what happens now?"),
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        validators=[validate_attachment],
        help_text=_("For example the minutes or a report. PDF is best."),
    )
    attachment_title = forms.CharField(
        label=_("Title of the attachment"), max_length=200, required=False
    )


class FinishForm(forms.Form):
    implemented = forms.TypedChoiceField(
        label=_("Outcome"),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        choices=[("yes", _("Carried out")), ("no", _("Closed without more work"))],
    )
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class QuestionAnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ListFilterForm(forms.Form):
    """The list's filters come from the query string; bad values fall back to defaults."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("collecting", _("Collecting support")),
            ("committee", _("With the committee")),
            ("answered", _("Answered")),
            ("ended", _("Ended")),
            ("all", _("All")),
        ],
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    sdg = forms.TypedChoiceField(label=_("UN goal"), required=False, coerce=int, empty_value=None)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("newest", _("Newest")),
            ("most_supported", _("Most supported")),
            ("closing_soon", _("Closing soon")),
        ],
    )

    def __init__(self, *args: Any, municipality: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas"))] + [  # type: ignore[attr-defined]
            (a.slug, a.name)
            for a in Area.objects.filter(municipality=municipality).order_by("name")
        ]
        self.fields["topic"].choices = [("", _("All topics"))] + [  # type: ignore[attr-defined]
            (t.slug, t.name) for t in Topic.objects.filter(municipality=municipality)
        ]
        self.fields["sdg"].choices = [("", _("All goals"))] + [  # type: ignore[attr-defined]
            (n, f"{n}. {sdg_name(n)}") for n in range(1, 18)
        ]
