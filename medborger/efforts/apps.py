from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EffortsConfig(AppConfig):
    name = "medborger.efforts"
    label = "efforts"
    verbose_name = _("Efforts and holistic plans")

    def ready(self) -> None:
        from medborger.core.demo import register_demo_loader
        from medborger.efforts.demo import load_efforts

        register_demo_loader(load_efforts)
