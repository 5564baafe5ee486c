"""System checks for a deployment: the site must know its own public address."""

from django.conf import settings
from django.core.checks import Warning, register
from django.db import DatabaseError

from hub.setup import PLACEHOLDER_HOSTS, base_url_address, is_placeholder_site


@register(deploy=True)
def check_public_address(app_configs, **kwargs):
    """BASE_URL and the default Site name the real host, so absolute URLs are right."""
    warnings = []
    try:
        hostname, _port = base_url_address()
    except ValueError as error:
        return [Warning(str(error), id="hub.W001")]
    if hostname in PLACEHOLDER_HOSTS:
        warnings.append(
            Warning(
                f"BASE_URL is {settings.BASE_URL!r}, a placeholder address.",
                hint="Set the BASE_URL environment variable to the site's public address, "
                "e.g. https://civictech.se (docs/deployment.md).",
                id="hub.W001",
            )
        )
    from wagtail.models import Site

    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:
        return warnings  # not migrated yet: `migrate` will configure the Site
    if site is not None and is_placeholder_site(site):
        warnings.append(
            Warning(
                f"The default Site is still {site.hostname}:{site.port}, a placeholder host: "
                "absolute URLs in pages, feeds, the sitemap and the API would name it.",
                hint="Set BASE_URL and run `manage.py migrate`, or set the Site's host name "
                "in the admin (Settings → Sites).",
                id="hub.W002",
            )
        )
    return warnings
