"""Real servers on free loopback ports, for the integration tests and `make bench-http`.

Each `Server` is one process (started in a session of its own, stopped by its PID), its
output captured to a log file whose tail goes into failure messages.
`tests.integration.stack.Stack` puts them together into the topology that
docs/deployment.md describes. PostgreSQL is the
throwaway cluster `pg_virtualenv` exports (PGHOST, PGPORT, PGUSER, PGPASSWORD): each stack
creates a fresh database in it.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
BIN = PYTHON.parent
VCL = REPO / "deploy" / "varnish" / "default.vcl"
NGINX_CONF = REPO / "deploy" / "nginx" / "civictech.conf"
PUBLIC_HOST = "civictech.se"


class ServerError(RuntimeError):
    pass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing_programs(*names):
    """The programs (absolute paths or names on PATH) that are not installed."""
    return [name for name in names if not (Path(name).is_file() or shutil.which(name))]


def postgres_available():
    return bool(os.environ.get("PGHOST") or os.environ.get("DATABASE_URL"))


class Server:
    """One process with its log; `stop()` ends it (and its children) by its PID."""

    def __init__(self, name, argv, logdir, *, env=None, cwd=None):
        self.name, self.argv, self.env, self.cwd = name, [str(a) for a in argv], env, cwd
        self.log_path = Path(logdir) / f"{name}.log"
        self.process = None

    def start(self):
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 (our own argv)
            self.argv,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=self.env,
            cwd=self.cwd,
            start_new_session=True,
        )
        log.close()
        return self

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout=15):
        if not self.running():
            return
        # The process leads a session of its own: its group id is its PID, so this ends
        # gunicorn's or varnishd's children with it and nothing else.
        for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue

    def log_tail(self, lines=40):
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def fail(self, message):
        raise ServerError(f"{self.name}: {message}\n--- {self.log_path} ---\n{self.log_tail()}")

    def wait_until(self, check, what, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                self.fail(f"exited with {self.process.returncode} while waiting for {what}")
            try:
                if check():
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.fail(f"not ready after {timeout}s: {what}")


# --- A small HTTP client: source address, Host header and cookies under our control ------


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name, default=""):
        return self.headers.get(name.lower(), default)

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


class Client:
    """HTTP(S) to one server as a browser on `source` would, for `host`."""

    def __init__(self, base_url, *, host=None, source="127.0.0.1", timeout=30):
        parts = urlsplit(base_url)
        self.scheme, self.address, self.port = parts.scheme, parts.hostname, parts.port
        self.host = host or parts.netloc
        self.source, self.timeout = source, timeout
        self.cookies = {}

    def _connection(self):
        if self.scheme == "https":
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE  # the tests' own self-signed certificate
            return http.client.HTTPSConnection(
                self.address, self.port, timeout=self.timeout,
                source_address=(self.source, 0), context=context,
            )
        return http.client.HTTPConnection(
            self.address, self.port, timeout=self.timeout, source_address=(self.source, 0)
        )

    def request(self, method, path, *, body=None, headers=None, cookies=True):
        all_headers = {"Host": self.host, **(headers or {})}
        if cookies and self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = self._connection()
        try:
            connection.request(method, path, body=body, headers=all_headers)
            raw = connection.getresponse()
            body = raw.read()
            headers = {}
            for name, value in raw.getheaders():
                name = name.lower()
                if name == "set-cookie" and cookies:
                    cookie, _sep, _rest = value.partition(";")
                    key, _eq, val = cookie.partition("=")
                    self.cookies[key.strip()] = val.strip()
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
            return Response(raw.status, headers, body)
        finally:
            connection.close()

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data, *, referer=None, headers=None):
        origin = f"{self.scheme}://{self.host}"
        return self.request(
            "POST",
            path,
            body=urlencode(data, doseq=True),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
                "Referer": origin + (referer or path),
                **(headers or {}),
            },
        )


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_token(response):
    match = CSRF_INPUT.search(response.text)
    if not match:
        raise ServerError(f"no CSRF token in the form (status {response.status})")
    return match.group(1)


def wait_for_http(server, url, what=None, expect=(200,), timeout=60, host="localhost"):
    client = Client(url, host=host, timeout=5)
    path = urlsplit(url).path or "/"
    server.wait_until(lambda: client.get(path).status in expect, what or url, timeout)


# --- The pieces ------------------------------------------------------------------------


def manage(args, env, *, timeout=900, check=True):
    """Run `manage.py` with `env`; its output is in the error when it fails."""
    result = subprocess.run(  # noqa: S603
        [str(PYTHON), str(REPO / "manage.py"), *args],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=timeout,
    )
    if check and result.returncode != 0:
        raise ServerError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def pg_connect(dbname="postgres"):
    import psycopg

    return psycopg.connect(dbname=dbname, autocommit=True)


def create_database(name):
    with pg_connect() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(name):
    with pg_connect() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_cluster(action):
    """start, stop or restart the pg_virtualenv cluster (Debian's pg_ctlcluster; it is
    always named "regress", its version is in PGVERSION)."""
    argv = ["pg_ctlcluster", os.environ.get("PGVERSION", "15"), "regress", action]
    if action in ("stop", "restart"):
        argv += ["-m", "fast"]
    subprocess.run(argv, check=True, capture_output=True)  # noqa: S603


def redis_server(workdir, port):
    server = Server(
        "redis",
        ["redis-server", "--port", port, "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", workdir, "--protected-mode", "no"],
        workdir,
    )
    return server


def wait_for_redis(server, port):
    def ping():
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")

    server.wait_until(ping, "PING", 20)


def gunicorn_server(workdir, port, env, workers=2):
    return Server(
        "gunicorn",
        [BIN / "gunicorn", "hub.wsgi", "--workers", workers, "--bind", f"127.0.0.1:{port}",
         "--access-logfile", "-", "--graceful-timeout", "5", "--timeout", "60",
         "--no-control-socket"],
        workdir, env=env, cwd=REPO,
    )


def varnish_vcl(backend_port, purgers=("127.0.0.1", "::1")):
    """The repository's VCL with only the backend port and the purge ACL replaced."""
    text = VCL.read_text()
    text = text.replace('.port = "8001";', f'.port = "{backend_port}";', 1)
    acl = "".join(f'    "{address}";\n' for address in purgers)
    text = re.sub(r"acl purgers \{\n.*?\}", "acl purgers {\n" + acl + "}", text, flags=re.S)
    return text


def varnish_server(workdir, port, vcl_text, name="varnish"):
    workdir = Path(workdir)
    vcl = workdir / f"{name}.vcl"
    vcl.write_text(vcl_text)
    state = workdir / f"{name}-state"
    state.mkdir(exist_ok=True)
    return Server(
        name,
        ["varnishd", "-F", "-j", "none", "-n", state, "-a", f"127.0.0.1:{port}",
         "-T", f"127.0.0.1:{free_port()}", "-f", vcl, "-s", "malloc,128m",
         "-p", "default_ttl=0", "-p", "thread_pool_min=20"],
        workdir,
    )


def self_signed_certificate(workdir):
    key, cert = Path(workdir) / "tls.key", Path(workdir) / "tls.crt"
    subprocess.run(  # noqa: S603, S607
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", f"/CN={PUBLIC_HOST}", "-keyout", key, "-out", cert],
        check=True, capture_output=True,
    )
    return key, cert


def nginx_server(workdir, *, http_port, https_port, varnish_port, site_root):
    """The repository's nginx site with ports, certificate and /srv/civictech replaced."""
    workdir = Path(workdir)
    key, cert = self_signed_certificate(workdir)
    site = NGINX_CONF.read_text()
    site = site.replace("server 127.0.0.1:6081;", f"server 127.0.0.1:{varnish_port};")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};")
    site = site.replace("listen 443 ssl;", f"listen 127.0.0.1:{https_port} ssl;")
    site = site.replace("/etc/letsencrypt/live/civictech.se/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/civictech.se/privkey.pem", str(key))
    site = site.replace("/srv/civictech", str(site_root))
    (workdir / "civictech.conf").write_text(site)
    temp = workdir / "nginx-temp"
    temp.mkdir(exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""
    (workdir / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {workdir}/nginx.pid;\n"
        f"error_log {workdir}/nginx-error.log warn;\nevents {{ worker_connections 512; }}\n"
        "http {\n    include /etc/nginx/mime.types;\n"
        f"    access_log {workdir}/nginx-access.log;\n"
        + "".join(
            f"    {kind}_temp_path {temp}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + f"    include {workdir}/civictech.conf;\n}}\n"
    )
    return Server("nginx", ["nginx", "-c", workdir / "nginx.conf", "-p", workdir], workdir)


def application_env(*, database, redis_port=None, varnish_port=None, media_root, static_root,
                    extra=None):
    """The environment docs/deployment.md lists, for gunicorn and manage.py alike."""
    env = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "REDIS_URL", "FRONTEND_CACHE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="hub.settings.production",
        SECRET_KEY="integration-" + secrets.token_hex(24),
        ALLOWED_HOSTS=f"{PUBLIC_HOST},localhost,127.0.0.1",
        BASE_URL=f"https://{PUBLIC_HOST}",
        SECURE_SSL_REDIRECT="false",
        PGDATABASE=database,
        MEDIA_ROOT=str(media_root),
        STATIC_ROOT=str(static_root),
        CLIENT_IP_HEADER="X-Forwarded-For",
        TRUSTED_PROXY_COUNT="2",
        EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    env.pop("DATABASE_URL", None)
    if redis_port:
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    if varnish_port:
        env["FRONTEND_CACHE_URL"] = f"http://127.0.0.1:{varnish_port}"
    env.update(extra or {})
    return env

