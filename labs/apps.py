from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabsConfig(AppConfig):
    name = "labs"
    verbose_name = _("Labs and local groups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from labs import signals

        signals.connect()
