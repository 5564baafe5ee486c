"""HTTP benchmark of the deployed topology (`make bench-http`).

On a throwaway PostgreSQL (run under `pg_virtualenv`, as the Makefile does) with the demo
content, it starts Redis, gunicorn (2 workers, production settings) and Varnish with the
repository's VCL (tests/servers.py), then runs `wrk` against the home page, the calendar, a
local group, a project and the site feed:

* gunicorn: straight to the application, its page cache on (PAGE_CACHE_SECONDS default);
* nocache: straight to the application with its page cache off (PAGE_CACHE_SECONDS=0);
* varnish: through Varnish (cached after the first request);

and against the same home page HTML saved as a file behind a second Varnish (the limit of
this machine for a cached response). The last line is

    bench-http: home uncached=<req/s> cached=<req/s> static=<req/s> errors=<n>

where uncached is straight to gunicorn, cached through Varnish, and errors counts non-2xx
answers and socket errors over all runs. Goals: cached >= 100x uncached, within 2x of static.

Usage: pg_virtualenv -t -v 15 python bench/http.py [--duration 20] [--connections 20]
"""

import sys
from pathlib import Path

# Run as a script, this file's directory comes first on sys.path, and its name would shadow
# the standard library's `http` package for every module imported after it.
HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() != HERE]
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from tests.integration.stack import Stack  # noqa: E402
from tests.servers import (  # noqa: E402
    PUBLIC_HOST,
    Client,
    Server,
    free_port,
    missing_programs,
    postgres_available,
    varnish_server,
    wait_for_http,
)

TARGETS = """
import json
from events.models import CalendarPage
from labs.models import LocalGroupPage
from projects.models import ProjectPage
from wagtail.models import Locale
sv = Locale.objects.get(language_code="sv")
calendar = CalendarPage.objects.live().get(locale=sv)
print(json.dumps({
    "home": "/",
    "calendar": calendar.get_url(),
    "group": LocalGroupPage.objects.live().filter(locale=sv).order_by("path").first().get_url(),
    "project": ProjectPage.objects.live().filter(locale=sv).order_by("path").first().get_url(),
    "feed": calendar.get_url() + "calendar.ics",
}))
"""

# The static limit: Varnish keeping one file from a trivial backend for an hour.
STATIC_VCL = """vcl 4.1;
backend default { .host = "127.0.0.1"; .port = "%(port)s"; }
sub vcl_recv { unset req.http.Cookie; return (hash); }
sub vcl_backend_response { set beresp.ttl = 1h; unset beresp.http.Set-Cookie; }
"""


def wrk(url, duration, connections, threads=2):
    # A generous timeout: a slow answer counts in the latency, not as an error.
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency",
            "--timeout", "30s", "-H", f"Host: {PUBLIC_HOST}", url]
    result = subprocess.run(argv, capture_output=True, text=True, check=True)  # noqa: S603
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    median = re.search(r"50%\s+([\d.]+\w+)", out)
    errors = (int(non_2xx.group(1)) if non_2xx else 0) + (
        sum(int(n) for n in sockets.groups()) if sockets else 0
    )
    return rate, errors, median.group(1) if median else "?"


def report(results, name, mode, figures):
    rate, errors, median = figures
    results[(name, mode)] = figures
    print(f"{name:9} {mode:8} {rate:10.1f} req/s  median {median:>9}  errors {errors}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=20)
    args = parser.parse_args()
    missing = missing_programs("redis-server", "varnishd", "wrk")
    if not postgres_available():
        missing.insert(0, "PostgreSQL (run under pg_virtualenv, as `make bench-http` does)")
    if missing:
        sys.exit("bench-http: missing " + ", ".join(missing))

    workdir = Path(tempfile.mkdtemp(prefix="bench-http-"))
    stack = Stack(workdir, nginx=False, env={"LOG_LEVEL": "WARNING"})
    extra = []
    results = {}
    try:
        print("bench-http: starting PostgreSQL database, Redis, gunicorn (2 workers), Varnish",
              flush=True)
        stack.start()
        targets = stack.shell(TARGETS)
        for name, path in targets.items():
            print(f"  {name}: {path}")
        print(f"wrk -t2 -c{args.connections} -d{args.duration}s each", flush=True)
        varnish = stack.client("varnish")
        for name, path in targets.items():
            report(results, name, "gunicorn", wrk(stack.gunicorn_url + path, args.duration,
                                                  args.connections))
            assert varnish.get(path).status == 200
            report(results, name, "varnish", wrk(stack.varnish_url + path, args.duration,
                                                 args.connections))

        # The application without its own page cache (every request renders).
        stack.servers.pop("gunicorn").stop()
        stack.extra_env["PAGE_CACHE_SECONDS"] = "0"
        stack.start_gunicorn()
        gunicorn = stack.client("gunicorn")
        for name, path in targets.items():
            times = []
            for _ in range(5):
                started = time.perf_counter()
                assert gunicorn.get(path).status == 200
                times.append(time.perf_counter() - started)
            median = statistics.median(times) * 1000
            print(f"{name:9} nocache  one request at a time: median {median:.0f} ms")
            report(results, name, "nocache", wrk(stack.gunicorn_url + path, args.duration,
                                                 args.connections))

        # The same home page HTML as a static file, served by Varnish.
        files = workdir / "static-home"
        files.mkdir()
        (files / "index.html").write_bytes(stack.client("gunicorn").get("/").body)
        file_port, static_port = free_port(), free_port()
        backend = Server("files", [sys.executable, "-m", "http.server", file_port,
                                   "--bind", "127.0.0.1", "--directory", files], workdir)
        extra.append(backend.start())
        wait_for_http(backend, f"http://127.0.0.1:{file_port}/index.html", timeout=20)
        static = varnish_server(workdir, static_port, STATIC_VCL % {"port": file_port},
                                name="varnish-static")
        extra.append(static.start())
        wait_for_http(static, f"http://127.0.0.1:{static_port}/index.html", timeout=30)
        assert Client(f"http://127.0.0.1:{static_port}").get("/index.html").status == 200
        report(results, "home", "static", wrk(f"http://127.0.0.1:{static_port}/index.html",
                                               args.duration, args.connections))
    except Exception:
        print(stack.logs(), file=sys.stderr)
        raise
    finally:
        for server in extra:
            server.stop()
        stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    uncached = results[("home", "gunicorn")][0]
    cached = results[("home", "varnish")][0]
    static_rate = results[("home", "static")][0]
    nocache = results[("home", "nocache")][0]
    errors = sum(figures[1] for figures in results.values())
    print(f"home: cached/uncached = {cached / uncached:.0f}x, "
          f"cached/nocache = {cached / nocache:.0f}x, static/cached = {static_rate / cached:.2f}x")
    print(f"bench-http: home uncached={uncached:.1f} cached={cached:.1f} "
          f"static={static_rate:.1f} errors={errors}")


if __name__ == "__main__":
    main()
