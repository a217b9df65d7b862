from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "medborger.comments"
    label = "comments"
    verbose_name = _("Comments")

    def ready(self) -> None:
        from medborger.comments.selectors import comments_export
        from medborger.core.personal_data import register_exporter

        register_exporter("comments", comments_export)
