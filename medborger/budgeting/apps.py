from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetingConfig(AppConfig):
    name = "medborger.budgeting"
    label = "budgeting"
    verbose_name = _("Participatory budgets")

    def ready(self) -> None:
        from medborger.budgeting.demo import load_budgets
        from medborger.budgeting.models import BudgetProject
        from medborger.budgeting.selectors import budgeting_export, open_budgets_section
        from medborger.core import registry
        from medborger.core.demo import register_demo_loader
        from medborger.core.personal_data import register_exporter
        from medborger.core.selectors import register_open_now

        # Residents follow a project from idea to finished work (review, result, implementation).
        registry.register(BudgetProject, comments=False, follows=True)
        register_exporter("budgeting", budgeting_export)
        register_open_now(open_budgets_section)
        register_demo_loader(load_budgets)
