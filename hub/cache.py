"""Cache backends that survive their store: an outage is a cache miss, never a 500.

The site's cache is shared by every process (see `hub.settings.services`): Django's
database cache by default, Redis with `REDIS_URL`. Either can fail while the site is up:
Redis stopped or unreachable, the cache table not created yet. The backends here wrap
Django's own and turn such a failure into what a cold cache would answer (`get` → default,
`add` → False, `incr` → ValueError as for a missing key, writes → nothing), and log it
on the "hub.cache" logger at most once every `ERROR_LOG_INTERVAL` seconds per process.

After a failure a backend does not touch its store for `RETRY_AFTER` seconds (default 1):
when Redis is unreachable rather than refusing, each attempt would cost a socket timeout,
and a page asks the cache a few times. That pause is a per-process guess about
availability, not shared state: nothing is served from it. Writes that were skipped
(`set`, `add`, `delete` report False) let callers know, see `events.feed_cache`.

Extra keys of a `CACHES` entry read here: `RETRY_AFTER`, `ERROR_LOG_INTERVAL`.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import BaseDatabaseCache, DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import DatabaseError, connections, router, transaction

logger = logging.getLogger("hub.cache")

try:
    from redis.exceptions import RedisError
except ImportError:  # redis is a dependency, but the database cache must not need it
    RedisError = OSError

OUTAGE_ERRORS = (DatabaseError, RedisError, OSError)

_log_lock = threading.Lock()
_last_logged = {}  # (backend name) -> (monotonic time logged, errors suppressed since)


def log_cache_error(name, operation, error, interval):
    """Log a cache failure, at most once per `interval` seconds per `name` in this process."""
    now = time.monotonic()
    with _log_lock:
        logged_at, suppressed = _last_logged.get(name, (None, 0))
        if logged_at is not None and now - logged_at < interval:
            _last_logged[name] = (logged_at, suppressed + 1)
            return
        _last_logged[name] = (now, 0)
    logger.error(
        "Cache %s unavailable (%s failed: %s: %s); serving uncached.%s",
        name,
        operation,
        type(error).__name__,
        error,
        f" {suppressed} more errors since the last report." if suppressed else "",
    )


class ResilientCacheMixin:
    """Guards every cache operation of a Django cache backend (mixed in before it)."""

    def __init__(self, server, params):
        self.retry_after = float(params.get("RETRY_AFTER", 1.0))
        self.error_log_interval = float(params.get("ERROR_LOG_INTERVAL", 60))
        self._unavailable_until = 0.0
        self._name = f"{type(self).__name__}({server})"
        super().__init__(server, params)

    def _call(self, operation, default, *args, **kwargs):
        if time.monotonic() < self._unavailable_until:
            return default
        try:
            with self._guarded():
                return getattr(super(), operation)(*args, **kwargs)
        except OUTAGE_ERRORS as error:
            self._unavailable_until = time.monotonic() + self.retry_after
            log_cache_error(self._name, operation, error, self.error_log_interval)
            return default

    def _guarded(self):
        return _NoGuard

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        """Store `value`; False when the store could not be reached (Django returns None)."""
        return self._call("set", False, key, value, timeout, version) is not False

    def add(self, key, value, *args, **kwargs):
        return self._call("add", False, key, value, *args, **kwargs)

    def touch(self, key, *args, **kwargs):
        return self._call("touch", False, key, *args, **kwargs)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def set_many(self, data, *args, **kwargs):
        return self._call("set_many", list(data), data, *args, **kwargs)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        result = self._call("incr", _MISSING, key, delta, version)
        if result is _MISSING:  # as for a key that does not exist: callers handle that
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        return result

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version)

    def clear(self):
        return self._call("clear", False)


_MISSING = object()


class _NoGuardContext:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_NoGuard = _NoGuardContext()


class ResilientRedisCache(ResilientCacheMixin, RedisCache):
    """Django's Redis cache; Redis down or unreachable → misses and a logged error."""


class ResilientDatabaseCache(ResilientCacheMixin, DatabaseCache):
    """Django's database cache; a missing table or a failing query → misses and a log line.

    Inside a transaction on PostgreSQL a failed query would abort the caller's whole
    transaction, so there each operation runs in a savepoint (SQLite, and any database in
    autocommit, which is how requests run, need none and pay nothing).
    """

    def _guarded(self):
        connection = connections[router.db_for_write(self.cache_model_class)]
        if connection.in_atomic_block and connection.vendor == "postgresql":
            return transaction.atomic(using=connection.alias)
        return _NoGuard


def create_cache_tables(using="default", verbosity=0, **kwargs):
    """pre_ and post_migrate: create the database cache's table, so `migrate` is all a new
    site needs. Before the migrations too, because data migrations publish pages and so
    write to the cache; createcachetable skips a table that exists."""
    from django.conf import settings
    from django.core.cache import caches
    from django.core.management import call_command

    if any(isinstance(caches[alias], BaseDatabaseCache) for alias in settings.CACHES):
        call_command("createcachetable", database=using, verbosity=verbosity)


def connect():
    from django.apps import apps
    from django.db.models.signals import post_migrate, pre_migrate

    hub = apps.get_app_config("hub")
    pre_migrate.connect(create_cache_tables, sender=hub, dispatch_uid="hub-cache-tables-pre")
    post_migrate.connect(create_cache_tables, sender=hub, dispatch_uid="hub-cache-tables")
