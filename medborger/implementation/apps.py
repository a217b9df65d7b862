from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImplementationConfig(AppConfig):
    name = "medborger.implementation"
    label = "implementation"
    verbose_name = _("Implementation of funded projects")

    def ready(self) -> None:
        from medborger.budgeting.signals import results_published
        from medborger.core import registry
        from medborger.core.demo import register_demo_loader
        from medborger.core.personal_data import register_exporter
        from medborger.implementation.demo import load_implementation
        from medborger.implementation.models import Delivery
        from medborger.implementation.selectors import implementation_export
        from medborger.implementation.services import start_tracking_funded

        registry.register(Delivery, comments=False, follows=True)
        # Tracking starts the moment a budget's result is published.
        results_published.connect(start_tracking_funded, dispatch_uid="implementation-start")
        register_exporter("implementation", implementation_export)
        # Loaders run in the order their apps are installed: this app comes after budgeting,
        # so the budgeting loader has made its funded projects when this one runs.
        register_demo_loader(load_implementation)
