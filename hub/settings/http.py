"""HTTP caching: what shared caches may keep, and how published changes purge them.

See `hub.page_cache` for which responses are public, and docs/deployment.md for the
environment variables.
"""

import os

# Public pages (anonymous, no cookie-dependent content): browsers may keep them for
# PAGE_CACHE_MAX_AGE seconds, shared caches (Varnish, a CDN) for PAGE_CACHE_S_MAXAGE.
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "600"))
# The application's own copy in the shared cache (0 turns it off). Publishing invalidates
# it at once; the lifetime bounds what nothing invalidates ("upcoming" lists age).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", str(PAGE_CACHE_S_MAXAGE)))
# Never public: private areas, Wagtail's document serving (privacy), search (it records
# each query, and its addresses are unbounded).
PAGE_CACHE_PRIVATE_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/search/",
    "/en/search/",
)

# The client's address behind reverse proxies: CLIENT_IP_HEADER names the header they
# append to (e.g. X-Forwarded-For), TRUSTED_PROXY_COUNT how many of them append to it.
# The client is the address the outermost trusted proxy saw; unset, REMOTE_ADDR.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
