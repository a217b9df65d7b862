from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "medborger.budgeting"
    label = "budgeting"
    verbose_name = _("Participatory budgets")

    def ready(self) -> None:
        from medborger.budgeting.selectors import budgeting_export
        from medborger.core.personal_data import register_exporter

        register_exporter("budgeting", budgeting_export)
