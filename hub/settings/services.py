"""The services every process shares: the database and the cache."""

import os

import dj_database_url

from .env import BASE_DIR


def database_config():
    """PostgreSQL when DATABASE_URL or the libpq PG* variables say so, else SQLite."""
    if os.environ.get("DATABASE_URL"):
        return dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)
    if os.environ.get("PGDATABASE") or os.environ.get("PGHOST"):
        # Empty values let libpq read PGHOST, PGPORT, PGUSER, PGPASSWORD itself.
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("PGDATABASE", "civictech"),
            "USER": os.environ.get("PGUSER", ""),
            "PASSWORD": os.environ.get("PGPASSWORD", ""),
            "HOST": os.environ.get("PGHOST", ""),
            "PORT": os.environ.get("PGPORT", ""),
            "CONN_MAX_AGE": 60,
        }
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
    }


DATABASES = {"default": database_config()}


# A shared cache (Redis) when configured; the local-memory cache on one machine.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
