"""A part that fails degrades the site instead of taking it down: Redis stopped leaves
pages answering 200 (uncached); PostgreSQL stopped and restarted recovers without
restarting gunicorn, and /healthz says what is wrong meanwhile."""

import threading
import time
import uuid

import pytest

from tests.servers import pg_cluster

pytestmark = pytest.mark.integration

PAGES = ("/", "/en/", "/kalender/calendar.ics")


def fresh(path):
    # A query string of its own: past Varnish's and the page cache's copies.
    return f"{path}?probe={uuid.uuid4().hex}"


def wait_for(check, timeout=45):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_pages_answer_while_redis_is_down(stack):
    gunicorn, varnish = stack.client("gunicorn"), stack.client("varnish")
    stack.stop_redis()
    try:
        for client in (gunicorn, varnish):
            for path in PAGES:
                assert client.get(fresh(path)).status == 200, path
        health = gunicorn.get("/healthz")
        assert health.status == 200
        assert health.json() == {"database": "ok", "cache": "error"}
    finally:
        stack.start_redis()
    assert wait_for(lambda: gunicorn.get("/healthz").json()["cache"] == "ok")


class Load(threading.Thread):
    """Requests to gunicorn, one after another, recording each status (0: no answer)."""

    def __init__(self, client):
        super().__init__(daemon=True)
        self.client, self.statuses, self.times = client, [], []
        self.done = threading.Event()

    def run(self):
        while not self.done.is_set():
            try:
                status = self.client.get(fresh("/")).status
            except OSError:
                status = 0
            self.statuses.append(status)
            self.times.append(time.monotonic())

    def errors_outside(self, start, end):
        return [
            (round(at - start, 1), status)
            for at, status in zip(self.times, self.statuses, strict=True)
            if status != 200 and not start <= at <= end
        ]

    def stop(self):
        self.done.set()
        self.join()


def test_postgres_stop_and_start_recovers_without_restarting_gunicorn(stack):
    gunicorn, varnish = stack.client("gunicorn", timeout=10), stack.client("varnish")
    pid = stack.servers["gunicorn"].pid
    varnish.get("/")
    assert varnish.get("/").header("x-cache") == "HIT"

    load = Load(gunicorn)
    load.start()
    try:
        pg_cluster("stop")
        try:
            down = gunicorn.get("/healthz")
            assert down.status == 503
            assert down.json()["database"] == "error"
            assert down.header("cache-control") == "no-store"
            # What Varnish holds it keeps serving while the application is sick.
            assert varnish.get("/").status == 200
        finally:
            pg_cluster("start")
        assert wait_for(lambda: gunicorn.get("/healthz").status == 200)
        time.sleep(2)
    finally:
        load.stop()

    assert stack.servers["gunicorn"].pid == pid and stack.servers["gunicorn"].running()
    assert load.statuses[-3:] == [200] * 3, load.statuses[-20:]
    after = [gunicorn.get(fresh(path)).status for path in PAGES for _ in range(4)]
    assert after == [200] * len(after), after


def test_postgres_restart_under_load_costs_a_few_errors_at_most(stack):
    gunicorn = stack.client("gunicorn", timeout=10)
    load = Load(gunicorn)
    load.start()
    try:
        time.sleep(1)
        start = time.monotonic()
        pg_cluster("restart")
        assert wait_for(lambda: gunicorn.get("/healthz").status == 200)
        end = time.monotonic()
        time.sleep(3)
    finally:
        load.stop()
    errors = [status for status in load.statuses if status != 200]
    print(f"PostgreSQL restart: {end - start:.1f}s, {len(errors)} of {len(load.statuses)} failed")
    # Errors only while the cluster restarts, then every request answers.
    assert load.errors_outside(start, end + 1) == []
    assert end - start < 30
    assert load.statuses[-3:] == [200] * 3, load.statuses[-20:]
