"""The health endpoint: does this process reach its database and its cache?

`/healthz` answers JSON `{"database": "ok"|"error", "cache": "ok"|"error"}`: 200 while the
database answers (a cache outage degrades the site to uncached pages, it does not take it
down), 503 when it does not. It is never cached, and costs one `SELECT 1` and, for a cache
that is not the database, one write and one read of a short-lived key.
"""

import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

HEALTH_KEY = "hub:healthz"


def database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: the database does not answer")
        return False
    return True


def cache_is_database():
    backend = settings.CACHES["default"]["BACKEND"]
    return "DatabaseCache" in backend or backend.rsplit(".", 1)[-1].lower().startswith("database")


def cache_ok(database):
    if cache_is_database():
        # Django's database cache lives in the database checked above: no second query.
        return database
    token = secrets.token_hex(8)
    try:
        cache.set(HEALTH_KEY, token, 10)
        if cache.get(HEALTH_KEY) == token:
            return True
    except Exception:
        logger.exception("Health check: the cache does not answer")
        return False
    logger.error("Health check: the cache did not keep a value")
    return False


@require_safe
def healthz(request):
    database = database_ok()
    body = {
        "database": "ok" if database else "error",
        "cache": "ok" if cache_ok(database) else "error",
    }
    response = JsonResponse(body, status=200 if database else 503)
    # Nobody may keep it: a cached "ok" would hide an outage.
    response["Cache-Control"] = "no-store"
    return response
