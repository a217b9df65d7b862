from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoCreationConfig(AppConfig):
    name = "medborger.cocreation"
    label = "cocreation"
    verbose_name = _("Co-creation groups")

    def ready(self) -> None:
        from medborger.cocreation.demo import load_cocreation
        from medborger.cocreation.models import CoCreationGroup
        from medborger.cocreation.selectors import cocreation_export
        from medborger.cocreation.services import cocreation_erase
        from medborger.core import registry
        from medborger.core.demo import register_demo_loader
        from medborger.core.personal_data import register_eraser, register_exporter

        registry.register(
            CoCreationGroup, comments=False, follows=True, view_permission="cocreation.view_group"
        )
        register_exporter("cocreation", cocreation_export)
        register_eraser("cocreation", cocreation_erase)
        # Installed after meetings: the meetings loader has made its demo meetings by now.
        register_demo_loader(load_cocreation)
