from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GoalsConfig(AppConfig):
    name = "medborger.goals"
    label = "goals"
    verbose_name = _("Goals and indicators")

    def ready(self) -> None:
        from medborger.core.demo import register_demo_loader
        from medborger.core.personal_data import register_exporter
        from medborger.goals.demo import load_goals
        from medborger.goals.selectors import goals_export

        register_exporter("goals", goals_export)
        register_demo_loader(load_goals)
