from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "medborger.meetings"
    label = "meetings"
    verbose_name = _("Citizens' meetings")

    def ready(self) -> None:
        from medborger.core import registry
        from medborger.core.demo import register_demo_loader
        from medborger.core.personal_data import register_exporter
        from medborger.meetings.demo import load_meetings
        from medborger.meetings.models import Meeting
        from medborger.meetings.selectors import meetings_export, register_open_now_meetings

        # Residents follow a meeting for its agenda, minutes and decisions.
        registry.register(Meeting, comments=False, follows=True)
        register_exporter("meetings", meetings_export)
        register_open_now_meetings()
        register_demo_loader(load_meetings)
