from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PremisesConfig(AppConfig):
    name = "medborger.premises"
    label = "premises"
    verbose_name = _("Municipal premises")

    def ready(self) -> None:
        from medborger.core import registry
        from medborger.core.demo import register_demo_loader
        from medborger.core.personal_data import register_eraser, register_exporter
        from medborger.premises.demo import load_premises
        from medborger.premises.models import BookingRequest
        from medborger.premises.selectors import premises_export
        from medborger.premises.services import premises_erase

        registry.register(
            BookingRequest, comments=False, follows=True, view_permission="premises.view_request"
        )
        register_exporter("premises", premises_export)
        register_eraser("premises", premises_erase)
        register_demo_loader(load_premises)
