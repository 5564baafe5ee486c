"""The edge: front-end cache purging, media and document serving.

The reference edge is nginx (TLS, static files, public images) in front of Varnish (the
shared page cache) in front of gunicorn; see docs/deployment.md and deploy/.
"""

import os

# Published changes purge the shared cache through Wagtail's frontend_cache utilities (the
# HTTP backend sends PURGE requests; deploy/varnish/default.vcl turns each into a ban of the
# path with all its query strings). hub.purge decides which URLs; off when unset.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "").strip().rstrip("/")
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        },
    }
# hub.purge lists each translation's own URL (their slugs differ), so Wagtail must not
# rewrite the language prefix of each URL into every language (a Swedish URL has no prefix).
WAGTAILFRONTENDCACHE_LANGUAGES = []

# Documents only through Wagtail's view, which applies collection privacy (password or
# login restrictions); the proxy never serves /media/documents/ from disk.
WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Varnish's health probe asks gunicorn directly over plain HTTP: answer it rather than
# redirect it to HTTPS, whatever SECURE_SSL_REDIRECT says.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
