"""The suggestion rate limit is one count for all gunicorn workers, per visitor as nginx saw
them (CLIENT_IP_HEADER=X-Forwarded-For, TRUSTED_PROXY_COUNT=2: nginx and Varnish)."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.servers import csrf_token, pg_connect

pytestmark = pytest.mark.integration

FORM = "/foresla-evenemang/"
LIMIT = 5  # EVENT_SUGGESTIONS_PER_WINDOW's default

DRAFTS = """
SELECT count(*) FROM events_eventpage e JOIN wagtailcore_page p ON p.id = e.page_ptr_id
WHERE NOT p.live AND p.title LIKE 'Förslag %%'
"""


def drafts(stack):
    with pg_connect(stack.database) as connection:
        return connection.execute(DRAFTS).fetchone()[0]


def suggestion(token, n):
    day = dt.date.today() + dt.timedelta(days=30)
    return {
        "csrfmiddlewaretoken": token,
        "title": f"Förslag {n}",
        "start_date": day.isoformat(),
        "start_time": "18:00",
        "venue_name": "Stadsbiblioteket",
        "description": "Vi pratar öppna data.",
        "submitter_name": "Kim",
        "submitter_email": "kim@example.org",
        "website": "",
    }


def visitor(stack, source):
    client = stack.client("nginx", source=source)
    return client, csrf_token(client.get(FORM))


def test_a_burst_through_two_workers_creates_at_most_the_limit(stack):
    before = drafts(stack)
    client, token = visitor(stack, "127.0.0.2")

    def post(n):
        return client.post(FORM, suggestion(token, n)).status

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(post, range(20)))
    created = drafts(stack) - before
    assert 1 <= created <= LIMIT, (created, statuses)
    assert statuses.count(429) >= 20 - LIMIT, statuses

    # A forged X-Forwarded-For does not buy a new quota: nginx writes the header itself.
    forged = client.post(FORM, suggestion(token, 99), headers={"X-Forwarded-For": "203.0.113.9"})
    assert forged.status == 429
    assert drafts(stack) - before == created

    # Another visitor (another address, as nginx saw it) has a quota of its own.
    other, other_token = visitor(stack, "127.0.0.3")
    assert other.post(FORM, suggestion(other_token, 100)).status == 302
    assert drafts(stack) - before == created + 1
