from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "medborger.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from medborger.core.personal_data import register_exporter
        from medborger.notifications.selectors import follows_export, notifications_export

        register_exporter("follows", follows_export)
        register_exporter("notifications", notifications_export)
