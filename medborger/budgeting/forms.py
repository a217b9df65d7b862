"""Forms for ideas, the review, paper ballots and replaying a .pb file. They check types and
sizes; the services check the rules and say why in the user's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborger.budgeting.ideas import REPLY_MAX, TEXT_MAX, TITLE_MAX
from medborger.budgeting.models import BudgetProcess, BudgetProject, Pool
from medborger.core.widgets import PlainLanguageTextarea
from medborger.places.models import Area, Organisation

PB_MAX_BYTES = 50 * 1024 * 1024


class IdeaForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("Short and clear, for example: A shelter at the playground."),
    )
    description = forms.CharField(
        label=_("Your idea"),
        max_length=TEXT_MAX,
        widget=PlainLanguageTextarea(attrs={"rows": 8}),
        help_text=_("What should be made, where, and who will use it?"),
    )
    pool: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Pool"), queryset=Pool.objects.none(), empty_label=None
    )
    estimated_cost = forms.IntegerField(
        label=_("What it will cost, about (kr)"),
        min_value=1,
        help_text=_("Your best guess. The municipality checks the cost."),
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("The whole municipality"),
    )
    location = forms.CharField(
        label=_("Where exactly"),
        max_length=200,
        required=False,
        help_text=_("An address or a place everybody knows, for example: Engparken, by the lake."),
    )
    organisation: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("On behalf of"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
    )

    def __init__(
        self, *args: Any, process: BudgetProcess, organisations: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        pool_field: Any = self.fields["pool"]
        pool_field.queryset = process.pools.all()
        area_field: Any = self.fields["area"]
        area_field.queryset = Area.objects.filter(municipality_id=process.municipality_id)
        org_field: Any = self.fields["organisation"]
        org_field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in organisations])
        if not organisations:
            del self.fields["organisation"]
        if process.pools.count() == 1:
            pool_field.widget = forms.HiddenInput()
            pool_field.initial = process.pools.first()


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Your answer to the review"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Everybody can read it."),
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("feasible", _("Feasible: put it on the ballot")),
            ("infeasible", _("Not feasible")),
        ],
        widget=forms.RadioSelect,
    )
    cost = forms.IntegerField(
        label=_("Cost after the review (kr)"),
        min_value=1,
        required=False,
        help_text=_("Needed when the project goes on the ballot."),
    )
    reason = forms.CharField(
        label=_("Reason (public)"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label=_("Merge into"), queryset=BudgetProject.objects.none())
    reason = forms.CharField(
        label=_("Reason (public)"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, project: BudgetProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["into"]
        field.queryset = BudgetProject.objects.filter(
            process_id=project.process_id,
            status__in=[BudgetProject.Status.SUBMITTED, BudgetProject.Status.FEASIBLE],
        ).exclude(pk=project.pk)


class PaperBallotForm(forms.Form):
    name = forms.CharField(label=_("The voter's name, as on the ballot"), max_length=200)
    birth_date = forms.DateField(
        label=_("Date of birth"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Together with the name it makes sure nobody votes twice."),
    )


class ReplayForm(forms.Form):
    file = forms.FileField(
        label=_("A .pb file from pabulib"),
        help_text=_("The open format for participatory budgets (pabulib.org). At most 50 MB."),
    )
    rule = forms.ChoiceField(label=_("Counting rule"), choices=BudgetProcess.CountingRule.choices)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > PB_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload
