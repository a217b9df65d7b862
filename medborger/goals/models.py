"""Goals the municipality has promised, the indicators that measure them, the measurements
(time series per indicator and area) and the carbon budget (CO2-budget / koldioxidbudget).

The status rule and the carbon-budget arithmetic are pure and live in medborger/domain/goals.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from medborger.core.models import TimeStamped
from medborger.domain.sdg_targets import target_url

TITLE_MAX = 200
DESCRIPTION_MAX = 4000


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")


class Sector(models.TextChoices):
    TRANSPORT = "transport", _("transport")
    ENERGY = "energy", _("electricity and heating")
    AGRICULTURE = "agriculture", _("agriculture")
    WASTE = "waste", _("waste")
    INDUSTRY = "industry", _("industry")
    OTHER = "other", _("other")


class SdgTarget(models.Model):
    """One of the 169 UN SDG targets ("11.6"). The rows are seeded by a migration from
    medborger/domain/sdg_targets.py; the UN's text is linked (`url`), not copied."""

    sdg = models.ForeignKey(
        "proposals.Sdg",
        verbose_name=_("sustainable development goal"),
        on_delete=models.PROTECT,
        related_name="targets",
    )
    code = models.CharField(_("code"), max_length=8, unique=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("SDG target")
        verbose_name_plural = _("SDG targets")

    def __str__(self) -> str:
        from medborger.proposals.sdgs import sdg_name

        return f"{self.code} ({sdg_name(self.sdg.number)})"

    @property
    def url(self) -> str:
        return target_url(self.code)


class Goal(TimeStamped):
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="goals",
    )
    committee = models.ForeignKey(
        "places.Committee",
        verbose_name=_("committee"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goals",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        help_text=_("Leave empty for a goal for the whole municipality."),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    description = models.TextField(_("description"), max_length=DESCRIPTION_MAX, blank=True)
    owner = models.CharField(
        _("owner"),
        max_length=200,
        blank=True,
        help_text=_("The department or person responsible for the goal."),
    )
    sdgs = models.ManyToManyField(
        "proposals.Sdg",
        verbose_name=_("UN sustainable development goals"),
        blank=True,
        related_name="goals",
    )
    sdg_targets = models.ManyToManyField(
        SdgTarget,
        verbose_name=_("UN SDG targets"),
        blank=True,
        related_name="goals",
        help_text=_("The targets under the goals, for example 4.1 or 11.6."),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "title", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("goals:goal", args=[self.pk])


class Indicator(TimeStamped):
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=TITLE_MAX)
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example %, days or tonnes."))
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    baseline_value = models.DecimalField(_("baseline value"), max_digits=14, decimal_places=3)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target value"), max_digits=14, decimal_places=3)
    target_date = models.DateField(_("target date"))
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    plausible_min = models.DecimalField(
        _("lowest plausible value"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    plausible_max = models.DecimalField(
        _("highest plausible value"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "name", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__gt=F("baseline_date")),
                name="goals_indicator_target_after_baseline",
            ),
            models.CheckConstraint(
                condition=Q(plausible_min__isnull=True)
                | Q(plausible_max__isnull=True)
                | Q(plausible_min__lte=F("plausible_max")),
                name="goals_indicator_plausible_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    @property
    def municipality_id(self) -> int:
        """For the permission predicates, which look for the object's municipality."""
        return self.goal.municipality_id


class Measurement(models.Model):
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goal_measurements",
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    source = models.CharField(_("source"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="goal_measurements",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["indicator", "date", "pk"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "date"],
                name="goals_measurement_unique_area",
                condition=Q(area__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="goals_measurement_unique_whole",
                condition=Q(area__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} {self.date}: {self.value}"


class CarbonBudget(TimeStamped):
    """A budget of tonnes CO2e per sector and year from start_year to end_year (inclusive)."""

    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.CASCADE,
        related_name="carbon_budgets",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carbon_budgets",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["start_year", "pk"]
        verbose_name = _("carbon budget")
        verbose_name_plural = _("carbon budgets")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=F("start_year")), name="goals_carbonbudget_years"
            )
        ]

    def __str__(self) -> str:
        return self.title


class CarbonBudgetLine(models.Model):
    budget = models.ForeignKey(
        CarbonBudget,
        verbose_name=_("carbon budget"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    tonnes = models.DecimalField(_("tonnes CO2e"), max_digits=14, decimal_places=3)

    class Meta:
        ordering = ["sector", "year"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "sector", "year"], name="goals_carbonbudgetline_unique"
            ),
            models.CheckConstraint(condition=Q(tonnes__gte=0), name="goals_budgetline_tonnes"),
        ]

    def __str__(self) -> str:
        return f"{self.get_sector_display()} {self.year}: {self.tonnes}"


class CarbonActual(models.Model):
    budget = models.ForeignKey(
        CarbonBudget,
        verbose_name=_("carbon budget"),
        on_delete=models.CASCADE,
        related_name="actuals",
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    tonnes = models.DecimalField(_("tonnes CO2e"), max_digits=14, decimal_places=3)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["sector", "year"]
        verbose_name = _("actual emissions")
        verbose_name_plural = _("actual emissions")
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "sector", "year"], name="goals_carbonactual_unique"
            ),
            models.CheckConstraint(condition=Q(tonnes__gte=0), name="goals_carbonactual_tonnes"),
        ]

    def __str__(self) -> str:
        return f"{self.get_sector_display()} {self.year}: {self.tonnes}"
