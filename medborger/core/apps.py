from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "medborger.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from medborger.core import checks  # noqa: F401  (registers system checks)
        from medborger.core.exports import audit_export
        from medborger.core.personal_data import register_exporter

        register_exporter("staff_actions", audit_export)
