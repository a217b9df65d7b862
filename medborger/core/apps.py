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

        self._forget_hosts_when_a_municipality_changes()

        register_exporter("staff_actions", audit_export)

    @staticmethod
    def _forget_hosts_when_a_municipality_changes() -> None:
        from django.db.models.signals import post_delete, post_save

        from medborger.core.middleware import forget_hosts
        from medborger.places.models import Municipality

        post_save.connect(forget_hosts, sender=Municipality, dispatch_uid="forget_hosts_saved")
        post_delete.connect(forget_hosts, sender=Municipality, dispatch_uid="forget_hosts_deleted")
