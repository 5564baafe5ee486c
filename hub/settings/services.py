"""The services every process shares: the database and the cache.

Both are shared by all application processes and by `manage.py` commands (cron jobs such
as `publish_scheduled`, the importer, a shell), so what one of them caches or invalidates
every other one sees on its next request:

* the cache is Redis when `REDIS_URL` is set, else Django's database cache in the site's
  own database (its table is created by `migrate`, see `hub.cache.create_cache_tables`);
* both are wrapped by `hub.cache`, which turns a cache outage into misses and a log line.
"""

import os

import dj_database_url

from .env import BASE_DIR


def _conn_max_age():
    return int(os.environ.get("CONN_MAX_AGE", "60"))


def database_config():
    """PostgreSQL when DATABASE_URL or the libpq PG* variables say so, else SQLite.

    Connections are kept for `CONN_MAX_AGE` seconds and checked before reuse, so a
    restarted PostgreSQL costs the requests in flight, not a restart of the application.
    """
    if os.environ.get("DATABASE_URL"):
        config = dj_database_url.parse(os.environ["DATABASE_URL"])
    elif os.environ.get("PGDATABASE") or os.environ.get("PGHOST"):
        # Empty values let libpq read PGHOST, PGPORT, PGUSER, PGPASSWORD itself.
        config = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("PGDATABASE", "civictech"),
            "USER": os.environ.get("PGUSER", ""),
            "PASSWORD": os.environ.get("PGPASSWORD", ""),
            "HOST": os.environ.get("PGHOST", ""),
            "PORT": os.environ.get("PGPORT", ""),
        }
    else:
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    config["CONN_MAX_AGE"] = _conn_max_age()
    config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {"default": database_config()}

def cache_config():
    """The shared cache: Redis with REDIS_URL, else the database cache."""
    resilience = {
        "RETRY_AFTER": float(os.environ.get("CACHE_RETRY_AFTER", "1")),
        "ERROR_LOG_INTERVAL": float(os.environ.get("CACHE_ERROR_LOG_INTERVAL", "60")),
    }
    if os.environ.get("REDIS_URL"):
        # How long a request waits for Redis before it serves uncached (seconds).
        timeout = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
        return {
            "BACKEND": "hub.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {
                "parser_class": "redis.connection._HiredisParser",
                "socket_connect_timeout": timeout,
                "socket_timeout": timeout,
                "health_check_interval": 30,
            },
            **resilience,
        }
    return {
        "BACKEND": "hub.cache.ResilientDatabaseCache",
        "LOCATION": os.environ.get("CACHE_TABLE", "hub_cache"),
        # Culling counts the table on every write; 5000 entries are a few hundred pages in
        # both languages, with their feeds, query strings and both generations.
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "5000"))},
        **resilience,
    }


CACHES = {"default": cache_config()}
