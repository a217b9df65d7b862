from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HearingsConfig(AppConfig):
    name = "medborger.hearings"
    label = "hearings"
    verbose_name = _("Hearings")

    def ready(self) -> None:
        from medborger.core import registry
        from medborger.core.demo import register_demo_loader
        from medborger.core.personal_data import register_exporter
        from medborger.core.selectors import register_open_now
        from medborger.hearings.demo import load_hearings
        from medborger.hearings.models import Hearing
        from medborger.hearings.selectors import hearings_export, open_hearings_section

        registry.register(Hearing, comments=False, follows=True, view_permission="hearings.view")
        register_exporter("hearings", hearings_export)
        register_open_now(open_hearings_section)
        register_demo_loader(load_hearings)
