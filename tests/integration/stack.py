"""The deployed topology on free loopback ports: nginx → Varnish → gunicorn → PostgreSQL +
Redis (tests/servers.py has the pieces). Used by tests/integration and bench/http.py."""

import contextlib
import json
import secrets
from pathlib import Path

from tests.servers import (
    PUBLIC_HOST,
    Client,
    application_env,
    create_database,
    drop_database,
    free_port,
    gunicorn_server,
    manage,
    nginx_server,
    redis_server,
    varnish_server,
    varnish_vcl,
    wait_for_http,
    wait_for_redis,
)


class Stack:
    """nginx → Varnish → gunicorn → PostgreSQL + Redis on free ports, with demo content.

    `redis`, `varnish` and `nginx` can be left out; `env` adds or overrides application
    environment variables. Everything runs under `workdir`; `stop()` ends it all and drops
    the database.
    """

    def __init__(self, workdir, *, redis=True, varnish=True, nginx=False, workers=2,
                 content=True, env=None):
        self.workdir = Path(workdir)
        self.use_redis, self.use_varnish, self.use_nginx = redis, varnish, nginx
        self.workers, self.content, self.extra_env = workers, content, env or {}
        self.database = f"hub_it_{secrets.token_hex(4)}"
        self.site_root = self.workdir / "site"
        self.media_root, self.static_root = self.site_root / "media", self.site_root / "static"
        self.ports = {
            name: free_port() for name in ("gunicorn", "redis", "varnish", "http", "https")
        }
        self.servers = {}

    # addresses
    @property
    def gunicorn_url(self):
        return f"http://127.0.0.1:{self.ports['gunicorn']}"

    @property
    def varnish_url(self):
        return f"http://127.0.0.1:{self.ports['varnish']}"

    @property
    def https_url(self):
        return f"https://127.0.0.1:{self.ports['https']}"

    def client(self, where="varnish", **kwargs):
        url = {"gunicorn": self.gunicorn_url, "varnish": self.varnish_url,
               "nginx": self.https_url}[where]
        return Client(url, host=PUBLIC_HOST, **kwargs)

    @property
    def env(self):
        return application_env(
            database=self.database,
            redis_port=self.ports["redis"] if self.use_redis else None,
            varnish_port=self.ports["varnish"] if self.use_varnish else None,
            media_root=self.media_root,
            static_root=self.static_root,
            extra=self.extra_env,
        )

    def manage(self, *args, **kwargs):
        return manage(list(args), self.env, **kwargs)

    def shell(self, code, **kwargs):
        """Run Python in `manage.py shell` against this stack; returns its last JSON line."""
        result = self.manage("shell", "--no-imports", "-c", code, **kwargs)
        lines = [line for line in result.stdout.splitlines() if line.startswith(("{", "["))]
        return json.loads(lines[-1]) if lines else None

    def start(self):
        for path in (self.media_root, self.static_root):
            path.mkdir(parents=True, exist_ok=True)
        create_database(self.database)
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        if self.content:
            self.manage("load_demo")
        if self.use_redis:
            self.start_redis()
        self.start_gunicorn()
        if self.use_varnish:
            self.start_varnish()
        if self.use_nginx:
            server = nginx_server(
                self.workdir, http_port=self.ports["http"], https_port=self.ports["https"],
                varnish_port=self.ports["varnish"], site_root=self.site_root,
            )
            self.servers["nginx"] = server.start()
            wait_for_http(server, self.https_url + "/healthz", host=PUBLIC_HOST, timeout=30)
        return self

    def start_redis(self):
        server = redis_server(self.workdir, self.ports["redis"])
        self.servers["redis"] = server.start()
        wait_for_redis(server, self.ports["redis"])

    def stop_redis(self):
        self.servers.pop("redis").stop()

    def start_gunicorn(self):
        server = gunicorn_server(self.workdir, self.ports["gunicorn"], self.env, self.workers)
        self.servers["gunicorn"] = server.start()
        wait_for_http(server, self.gunicorn_url + "/healthz", "/healthz", timeout=120)

    def start_varnish(self):
        server = varnish_server(self.workdir, self.ports["varnish"],
                                varnish_vcl(self.ports["gunicorn"]))
        self.servers["varnish"] = server.start()
        # Through Varnish once its probe has found the application healthy.
        wait_for_http(server, self.varnish_url + "/healthz", "/healthz through Varnish", timeout=60)

    def logs(self):
        return "\n".join(
            f"--- {name} ---\n{server.log_tail(25)}" for name, server in self.servers.items()
        )

    def stop(self):
        for name in ("nginx", "varnish", "gunicorn", "redis"):
            server = self.servers.pop(name, None)
            if server:
                server.stop()
        # The cluster is thrown away anyway: a database left behind is no failure.
        with contextlib.suppress(Exception):
            drop_database(self.database)
