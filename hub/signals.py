"""Site-wide signal handlers."""

from django.db import DatabaseError
from django.db.models.signals import post_migrate


def _configure_site(sender, using="default", **kwargs):
    """After `migrate`, the default Site takes its address from BASE_URL (see hub.setup)."""
    if sender.label != "hub":
        return  # once per migrate run is enough; every app's tables exist by now
    from wagtail.models import Site

    from hub.setup import configure_default_site

    try:
        site = Site.objects.using(using).filter(is_default_site=True).first()
    except DatabaseError:  # a partial migrate (e.g. to an earlier state) may lack the table
        return
    if site is not None:
        configure_default_site(site)


def connect():
    post_migrate.connect(_configure_site, dispatch_uid="hub-configure-default-site")
