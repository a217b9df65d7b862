from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "medborger.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteer teams")

    def ready(self) -> None:
        from medborger.core.demo import register_demo_loader
        from medborger.core.personal_data import register_exporter
        from medborger.volunteering.demo import load_volunteering
        from medborger.volunteering.selectors import volunteering_export

        register_exporter("volunteering", volunteering_export)
        register_demo_loader(load_volunteering)
