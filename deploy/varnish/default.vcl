vcl 4.1;
# Civic Tech Sweden hub: the shared page cache between nginx and gunicorn.
# See docs/deployment.md ("Varnish") for what it caches and passes and why.
# The integration tests and bench/http.py run this file with only the backend port
# substituted (tests/servers.py, varnish_vcl).

import std;

# The application: gunicorn hub.wsgi.
backend default {
    .host = "127.0.0.1";
    .port = "8001";
    # The probe and requests without a Host use this name: keep it in ALLOWED_HOSTS.
    .host_header = "localhost";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 10s;
    # /healthz answers 503 when the application cannot reach its database; the backend is
    # then "sick" and cached copies are served for up to the grace period below.
    .probe = {
        .url = "/healthz";
        .timeout = 2s;
        .interval = 2s;
        .window = 3;
        .threshold = 2;
    }
}

# Who may PURGE or BAN: the application's address(es) only (FRONTEND_CACHE_URL points here).
# nginx, the public front, refuses these methods before they reach Varnish.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Varnish core has already appended the client address to X-Forwarded-For, which the
    # application reads (CLIENT_IP_HEADER, TRUSTED_PROXY_COUNT) for its rate limit.

    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Wagtail's HTTP backend sends PURGE <path>: ban that path with every query string
        # (?tag=... feeds, filtered listings) under every host name. Lurker-friendly (obj.*).
        ban("obj.http.x-cache-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Banned"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Private areas and documents (collection privacy is decided per request by Wagtail).
    if (req.url ~ "^/(admin|django-admin|documents)(/|$)" || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }

    # Keep only the cookies the application reads; drop tracking cookies (_ga, _pk_*, ...).
    # A session or CSRF cookie means a logged-in editor or a form in use: not cached.
    if (req.http.Cookie) {
        set req.http.Cookie = ";" + req.http.Cookie;
        set req.http.Cookie = regsuball(req.http.Cookie, "; +", ";");
        set req.http.Cookie = regsuball(req.http.Cookie, ";(sessionid|csrftoken)=", "; \1=");
        set req.http.Cookie = regsuball(req.http.Cookie, ";[^ ][^;]*", "");
        set req.http.Cookie = regsuball(req.http.Cookie, "^[; ]+|[; ]+$", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        } else {
            return (pass);
        }
    }
    # The language is in the path (/ Swedish, /en/ English), never in Accept-Language:
    # one cached copy per URL instead of one per browser language.
    unset req.http.Accept-Language;

    # While the application is healthy an expired copy is refreshed almost at once; while
    # it is sick, copies up to the object's grace (below) are served instead of errors.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_backend_response {
    # What a ban matches (the path without its query string); removed in vcl_deliver.
    set beresp.http.x-cache-path = regsub(bereq.url, "\?.*$", "");
    set beresp.grace = 10m;

    # A failed background refresh keeps the stale copy (stale-if-error).
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Only what the application marks as shareable is kept: Cache-Control with s-maxage or
    # max-age (s-maxage wins; Varnish's TTL rules read it), never private/no-store/no-cache
    # or a response setting a cookie. Without this, Varnish would keep any unmarked response
    # for its default TTL.
    if (beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Set-Cookie
        || beresp.http.Cache-Control !~ "(s-maxage|max-age)=[1-9]") {
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        set beresp.grace = 0s;
        return (deliver);
    }
    return (deliver);
}

sub vcl_backend_error {
    # The application did not answer: keep serving the stale copy instead of an error.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    unset resp.http.x-cache-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
