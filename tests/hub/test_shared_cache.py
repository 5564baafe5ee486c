"""The shared cache with real processes: a Redis server, and `manage.py` in another process.

* `redis_server` starts `redis-server` on a free loopback port (stopped by its PID); the
  cache settings come from `hub.settings.services.cache_config()`, as in production.
* `shared_database` gives the test a database that another process can open: the
  PostgreSQL test database (committed, `transactional_db`), or with SQLite an on-disk copy
  of the in-memory test database that this test's connection switches to.

What other processes do (publish from a shell, `publish_scheduled`) must be seen here on
the next request, pages and feeds alike; and Redis killed mid-test leaves pages at 200.
"""

import datetime as dt
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connections

from hub.settings.services import cache_config

REPO = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"redis-server did not listen on {port}")


@pytest.fixture
def redis_server(tmp_path):
    """A throwaway `redis-server` on a free port, without persistence; stopped by its PID."""
    port = free_port()
    log = open(tmp_path / "redis.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(  # noqa: S603
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for_port(port, process)
        yield SimpleNamespace(url=f"redis://127.0.0.1:{port}/0", pid=process.pid, port=port)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait(5)
        log.close()


def use_cache(settings, monkeypatch, redis_url=None):
    """Point the cache at Redis (`redis_url`) or the database, as the settings would."""
    if redis_url:
        monkeypatch.setenv("REDIS_URL", redis_url)
    else:
        monkeypatch.delenv("REDIS_URL", raising=False)
    config = cache_config()
    config["RETRY_AFTER"] = 0  # each request tries again: the tests stop and start stores
    settings.CACHES = {"default": config}
    if not redis_url:
        call_command("createcachetable", verbosity=0)
    settings.PAGE_CACHE_SECONDS = 600
    return config


# --- Redis, one process -------------------------------------------------------------------


@pytest.mark.django_db
def test_redis_pages_and_feeds_invalidate_and_a_killed_redis_leaves_pages_up(
    client, home, settings, monkeypatch, redis_server, caplog, django_assert_num_queries
):
    from events.factories import CalendarPageFactory, EventPageFactory
    from hub.factories import StandardPageFactory

    use_cache(settings, monkeypatch, redis_server.url)
    assert type(caches["default"]).__name__ == "ResilientRedisCache"
    page = StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    calendar = CalendarPageFactory(parent=home)
    event = EventPageFactory(parent=calendar, title="Hackkväll")
    feed = calendar.url + "calendar.ics"
    for _ in range(2):
        client.get(page.url), client.get(feed)
    with django_assert_num_queries(0):
        hit = client.get(page.url)
        feed_hit = client.get(feed)
    assert hit["X-App-Cache"] == "hit" and feed_hit.status_code == 200

    page.title, event.title = "Om föreningen", "Hackkväll i Malmö"
    page.save_revision().publish()
    event.save_revision().publish()
    assert "Om föreningen" in client.get(page.url).content.decode()
    assert b"Hackkv\xc3\xa4ll i Malm\xc3\xb6" in client.get(feed).content

    os.kill(redis_server.pid, signal.SIGKILL)
    os.waitpid(redis_server.pid, 0)
    with caplog.at_level("ERROR", logger="hub.cache"):
        started = time.perf_counter()
        assert cache.get("anything", "default") == "default"
        assert time.perf_counter() - started < 0.5  # refused at once, not a timeout
        for path in (page.url, feed, home.url):
            assert client.get(path).status_code == 200, path
        page.title = "Skrivet medan Redis var nere"
        page.save_revision().publish()  # the bumps fail: logged, not raised
        assert "Skrivet medan Redis var nere" in client.get(page.url).content.decode()
    assert any(r.name == "hub.cache" and r.levelname == "ERROR" for r in caplog.records)


# --- another process ----------------------------------------------------------------------


@pytest.fixture
def shared_database(django_db_blocker, tmp_path):
    """Environment variables for another process to open this test's database.

    For tests marked `django_db(transaction=True)`: what they write is committed. On
    PostgreSQL that is the test database itself; the in-memory SQLite test database is
    copied to a file, and the test's connection is a fresh one to that file until it ends.
    Either starts from the site's skeleton (a flush before took it, see tests/conftest.py).
    """
    from django.contrib.contenttypes.models import ContentType

    from hub.setup import ensure_home_pages

    original = connections["default"]
    if original.vendor == "postgresql":
        config = original.settings_dict
        env = {"PGDATABASE": config["NAME"]}
        for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"),
                          ("PASSWORD", "PGPASSWORD")):
            if config.get(key):
                env[name] = str(config[key])
        ContentType.objects.clear_cache()
        ensure_home_pages()
        yield env
        return
    with django_db_blocker.unblock():
        original.ensure_connection()
        path = tmp_path / "shared.sqlite3"
        copy = sqlite3.connect(path)
        original.connection.backup(copy)
        copy.close()
        wrapper = type(original)({**original.settings_dict, "NAME": str(path)}, alias="default")
        connections["default"] = wrapper
        try:
            ContentType.objects.clear_cache()
            ensure_home_pages()
            yield {"SQLITE_PATH": str(path)}
        finally:
            wrapper.close()
            connections["default"] = original
            ContentType.objects.clear_cache()


def manage(env, *args):
    """Run `manage.py` in a separate process with the production settings' cache choice."""
    full = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    full.update(env, DJANGO_SETTINGS_MODULE="hub.settings.dev", LOG_LEVEL="WARNING")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings, monkeypatch, shared_database):
    env = dict(shared_database)
    if request.param == "redis":
        server = request.getfixturevalue("redis_server")
        use_cache(settings, monkeypatch, server.url)
        env["REDIS_URL"] = server.url
    else:
        use_cache(settings, monkeypatch)
    return env


@pytest.mark.django_db(transaction=True)
def test_a_publish_from_another_process_is_seen_on_the_next_request(shared_cache, client):
    from events.factories import CalendarPageFactory, EventPageFactory
    from hub.factories import StandardPageFactory
    from hub.setup import ensure_home_pages

    home, _en = ensure_home_pages()
    page = StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    calendar = CalendarPageFactory(parent=home)
    EventPageFactory(parent=calendar, title="Hackkväll")
    feed = calendar.url + "calendar.ics"
    for _ in range(2):
        client.get(page.url), client.get(feed)
    assert client.get(page.url)["X-App-Cache"] == "hit"
    cached_feed = client.get(feed)

    # A shell in another process: its publish bumps the shared generations.
    manage(shared_cache, "shell", "-c", (
        "from wagtail.models import Page\n"
        f"page = Page.objects.get(pk={page.pk}).specific\n"
        "page.title = 'Ändrad i ett skal'\n"
        "page.save_revision().publish()\n"
    ))
    response = client.get(page.url)
    assert response["X-App-Cache"] == "miss" and "Ändrad i ett skal" in response.content.decode()

    # publish_scheduled, the cron job: an event approved to go live a minute ago.
    event = EventPageFactory(parent=calendar, title="Schemalagd träff", live=False)
    event.save_revision(approved_go_live_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
    assert client.get(feed).content == cached_feed.content  # not published yet
    manage(shared_cache, "publish_scheduled")
    assert "Schemalagd träff".encode() in client.get(feed).content
    assert "Schemalagd träff" in client.get(calendar.url).content.decode()


# --- the settings -------------------------------------------------------------------------


def test_the_settings_choose_redis_with_hiredis_and_short_timeouts(monkeypatch):
    from redis.connection import _HiredisParser

    monkeypatch.setenv("REDIS_URL", "redis://cache.internal:6379/1")
    monkeypatch.setenv("REDIS_TIMEOUT", "0.1")
    config = cache_config()
    assert config["BACKEND"] == "hub.cache.ResilientRedisCache"
    assert config["OPTIONS"]["parser_class"] == "redis.connection._HiredisParser"
    assert _HiredisParser  # importable: hiredis is installed
    assert config["OPTIONS"]["socket_timeout"] == config["OPTIONS"]["socket_connect_timeout"]
    assert config["OPTIONS"]["socket_timeout"] == 0.1


def test_without_redis_the_cache_is_the_database(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert cache_config()["BACKEND"] == "hub.cache.ResilientDatabaseCache"


@pytest.mark.parametrize(
    "env",
    [{"DATABASE_URL": "postgres://u:p@db.internal:5432/hub"}, {"PGHOST": "db.internal"}, {}],
)
def test_database_connections_are_kept_and_health_checked(monkeypatch, env):
    from hub.settings.services import database_config

    for name in ("DATABASE_URL", "PGHOST", "PGDATABASE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert database_config()["CONN_MAX_AGE"] == 60
    assert database_config()["CONN_HEALTH_CHECKS"] is True
    monkeypatch.setenv("CONN_MAX_AGE", "0")
    assert database_config()["CONN_MAX_AGE"] == 0
