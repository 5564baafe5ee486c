"""The per-address rate limit of the public suggestion form, counted in the database.

`EVENT_SUGGESTIONS_PER_WINDOW` suggestions in any `EVENT_SUGGESTIONS_WINDOW` seconds (5 an
hour by default), per client address (`client_address()`).

The counts live in a table (`SuggestionRateCount`) rather than in the cache: every process
must see the same count, and counting must be atomic when several workers take a burst at
once. The database cache's `incr` is a read and a write (two workers can both read 4 and
both write 5); an `UPDATE ... SET count = count + 1` is one statement the database
serialises, and the row stays locked until the transaction that reads the new count back
commits, so each of 20 concurrent submissions sees a different count.
"""

import hashlib
import ipaddress
import time

from django.conf import settings
from django.db import transaction
from django.db.models import F


def setting(name, default):
    return getattr(settings, name, default)


def _header_key(name):
    """The request.META key of a header named either way ("X-Forwarded-For" or
    "HTTP_X_FORWARDED_FOR")."""
    key = name.strip().upper().replace("-", "_")
    return key if key.startswith("HTTP_") or key == "REMOTE_ADDR" else f"HTTP_{key}"


def _valid_address(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request):
    """The address of the client, as the outermost proxy the site trusts saw it.

    With `CLIENT_IP_HEADER` (e.g. "X-Forwarded-For") each of the `TRUSTED_PROXY_COUNT`
    proxies in front of the site appends the address it was connected from. Only the
    right-most `TRUSTED_PROXY_COUNT` entries were written by them; anything to the left
    came from the client and can be forged, so the client is the entry that the outermost
    trusted proxy appended, counting from the right. Without the setting, or when the
    header is missing or malformed, REMOTE_ADDR. (`EVENT_SUGGESTIONS_CLIENT_IP_HEADER` is
    read as an older name of `CLIENT_IP_HEADER`.)
    """
    remote = request.META.get("REMOTE_ADDR", "")
    header = setting("CLIENT_IP_HEADER", "") or setting("EVENT_SUGGESTIONS_CLIENT_IP_HEADER", "")
    if not header:
        return remote
    values = request.META.get(_header_key(header), "").split(",")
    entries = [entry.strip() for entry in values if entry.strip()]
    if not entries:
        return remote
    trusted = max(1, int(setting("TRUSTED_PROXY_COUNT", 1)))
    # Fewer entries than proxies: all of them were written by trusted proxies.
    return _valid_address(entries[-min(trusted, len(entries))]) or remote


def _address_key(request):
    return hashlib.sha256(client_address(request).encode()).hexdigest()[:32]


def rate_limit():
    return setting("EVENT_SUGGESTIONS_PER_WINDOW", 5), setting("EVENT_SUGGESTIONS_WINDOW", 3600)


# A sliding window counter: one count per fixed window, and the estimate for the last
# `window` seconds adds the previous window's count weighted by how much of it is still
# inside. Unlike a plain fixed window it allows no double burst across a window's edge.


def _windows(now):
    _limit, window = rate_limit()
    now = time.time() if now is None else now
    bucket, into = divmod(now, window)
    return int(window), int(bucket), 1 - into / window


def _counts(address, window, buckets):
    from events.models import SuggestionRateCount

    rows = SuggestionRateCount.objects.filter(address=address, window=window, bucket__in=buckets)
    return dict(rows.values_list("bucket", "count"))


def submissions_in_window(request, now=None):
    """Estimated suggestions sent from this address in the last window (may be fractional)."""
    window, bucket, weight = _windows(now)
    counts = _counts(_address_key(request), window, [bucket, bucket - 1])
    return counts.get(bucket, 0) + counts.get(bucket - 1, 0) * weight


def is_rate_limited(request, now=None):
    limit, _window = rate_limit()
    return submissions_in_window(request, now) >= limit


def count_submission(request, now=None):
    """Count one submission from this address; False when it goes over the limit."""
    from events.models import SuggestionRateCount

    limit, _ = rate_limit()
    window, bucket, weight = _windows(now)
    address = _address_key(request)
    clock = time.time() if now is None else now
    rows = SuggestionRateCount.objects.filter(address=address, window=window)
    with transaction.atomic():
        # The row of this window exists (a concurrent insert of the same row is ignored),
        # then one atomic increment; the count read back is this submission's own.
        SuggestionRateCount.objects.bulk_create(
            [
                SuggestionRateCount(
                    address=address, window=window, bucket=bucket, ends_at=(bucket + 2) * window
                )
            ],
            ignore_conflicts=True,
        )
        rows.filter(bucket=bucket).update(count=F("count") + 1)
        counts = _counts(address, window, [bucket, bucket - 1])
    # Rows two windows old count for nobody any more.
    SuggestionRateCount.objects.filter(ends_at__lt=clock).delete()
    return counts.get(bucket, 0) + counts.get(bucket - 1, 0) * weight <= limit
