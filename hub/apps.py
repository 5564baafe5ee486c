from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = _("Site-wide content")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from hub import checks, images, page_cache, purge, signals  # noqa: F401

        signals.connect()
        images.connect()
        page_cache.connect()
        purge.connect()
