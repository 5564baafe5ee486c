"""The WSGI entry point (`gunicorn hub.wsgi`); production settings unless told otherwise."""

import logging
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.production")

application = get_wsgi_application()


def log_services():
    """Say at start which database and cache this process uses (never the credentials)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    cache = settings.CACHES["default"]
    where = database.get("HOST") or os.environ.get("PGHOST") or "local socket"
    if database["ENGINE"].endswith("sqlite3"):
        where = database["NAME"]
    frontend = getattr(settings, "FRONTEND_CACHE_URL", "") or "none"
    logging.getLogger("hub.wsgi").info(
        "Starting: database %s at %s (name %s), cache %s, front-end cache purge %s",
        database["ENGINE"].rsplit(".", 1)[-1],
        where,
        database.get("NAME") or os.environ.get("PGDATABASE", ""),
        cache["BACKEND"],
        frontend,
    )


log_services()
