from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "medborger.places"
    label = "places"
    verbose_name = _("Municipalities and places")

    def ready(self) -> None:
        from medborger.core.personal_data import register_exporter
        from medborger.places.exports import places_export

        register_exporter("places", places_export)
