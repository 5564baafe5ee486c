"""The per-address rate limit of the public suggestion form, kept in the cache.

`EVENT_SUGGESTIONS_PER_WINDOW` suggestions in any `EVENT_SUGGESTIONS_WINDOW` seconds (5 an
hour by default); behind a proxy you trust, `EVENT_SUGGESTIONS_CLIENT_IP_HEADER` (e.g.
"HTTP_X_FORWARDED_FOR") names the header whose left-most address is the client's.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def setting(name, default):
    return getattr(settings, name, default)


def client_address(request):
    header = setting("EVENT_SUGGESTIONS_CLIENT_IP_HEADER", None)
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request):
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"event-suggestions:{digest}"


def rate_limit():
    return setting("EVENT_SUGGESTIONS_PER_WINDOW", 5), setting("EVENT_SUGGESTIONS_WINDOW", 3600)


# A sliding window counter: one count per fixed window in the cache, and the estimate for the
# last `window` seconds adds the previous window's count weighted by how much of it is still
# inside. Unlike a plain fixed window it allows no double burst across a window's edge, and
# each count is still one atomic cache.incr.


def _windows(request, now):
    _limit, window = rate_limit()
    now = time.time() if now is None else now
    bucket, into = divmod(now, window)
    key = _rate_key(request)
    return f"{key}:{int(bucket)}", f"{key}:{int(bucket) - 1}", 1 - into / window


def submissions_in_window(request, now=None):
    """Estimated suggestions sent from this address in the last window (may be fractional)."""
    current, previous, weight = _windows(request, now)
    counts = cache.get_many([current, previous])
    return counts.get(current, 0) + counts.get(previous, 0) * weight


def is_rate_limited(request, now=None):
    limit, _window = rate_limit()
    return submissions_in_window(request, now) >= limit


def count_submission(request, now=None):
    """Count one submission from this address; False when it goes over the limit."""
    limit, window = rate_limit()
    current, previous, weight = _windows(request, now)
    # Kept for two windows: in the next one it is the "previous" count.
    cache.add(current, 0, 2 * window)
    try:
        count = cache.incr(current)
    except ValueError:  # expired between add and incr
        cache.add(current, 1, 2 * window)
        count = 1
    return count + (cache.get(previous) or 0) * weight <= limit


