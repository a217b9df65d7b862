from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FastTrackConfig(AppConfig):
    name = "medborger.fasttrack"
    label = "fasttrack"
    verbose_name = _("Fast-track pool")

    def ready(self) -> None:
        from medborger.core.demo import register_demo_loader
        from medborger.core.personal_data import register_eraser, register_exporter
        from medborger.fasttrack.demo import load_fasttrack
        from medborger.fasttrack.selectors import fasttrack_export
        from medborger.fasttrack.services import fasttrack_erase

        register_exporter("fasttrack", fasttrack_export)
        register_eraser("fasttrack", fasttrack_erase)
        register_demo_loader(load_fasttrack)
