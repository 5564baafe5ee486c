"""The per-address limit: a sliding window (no double burst across a window's edge), counted
atomically in the database for every process, per client address behind trusted proxies."""

import pytest
from django.test import RequestFactory

from events.suggestion_rate_limit import count_submission, is_rate_limited, submissions_in_window
from tests.hub.test_shared_cache import shared_database  # noqa: F401 F811 (a fixture)

HOUR = 3600
EDGE = 1_000 * HOUR  # the start of a fixed window


@pytest.fixture(autouse=True)
def five_an_hour(settings):
    settings.EVENT_SUGGESTIONS_PER_WINDOW = 5
    settings.EVENT_SUGGESTIONS_WINDOW = HOUR


def request_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def send(request, now):
    """What the view does: refuse when limited, else count (and refuse if that goes over)."""
    return not is_rate_limited(request, now=now) and count_submission(request, now=now)


@pytest.mark.django_db
def test_a_burst_at_the_end_of_a_window_still_counts_after_its_edge():
    request = request_from("192.0.2.1")
    assert [send(request, EDGE - 10) for _ in range(6)] == [True] * 5 + [False]
    # A fixed window would allow five more right after the edge; the sliding one does not.
    assert not send(request, EDGE + 10)
    assert not send(request, EDGE + 20)


@pytest.mark.django_db
def test_capacity_returns_as_the_window_slides():
    request = request_from("192.0.2.2")
    for _ in range(5):
        assert send(request, EDGE - 1)
    assert submissions_in_window(request, now=EDGE + HOUR / 2) == pytest.approx(2.5, abs=0.01)
    # Half an hour on, half the old submissions have slid out: two more fit.
    assert [send(request, EDGE + HOUR / 2) for _ in range(3)] == [True, True, False]
    # Those three slide out over the next window, and then all five fit again.
    assert submissions_in_window(request, now=EDGE + 1.5 * HOUR) == pytest.approx(1.5)
    assert submissions_in_window(request, now=EDGE + 2 * HOUR) == 0
    assert [send(request, EDGE + 2 * HOUR) for _ in range(6)] == [True] * 5 + [False]


@pytest.mark.django_db
def test_addresses_are_counted_apart():
    one, other = request_from("192.0.2.3"), request_from("192.0.2.4")
    for _ in range(5):
        assert send(one, EDGE)
    assert not send(one, EDGE)
    assert send(other, EDGE)


# --- the client's address -----------------------------------------------------------------


def request_via(forwarded_for, remote="10.0.0.2"):
    return RequestFactory().post("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for)


@pytest.mark.django_db
def test_without_a_header_setting_the_client_is_remote_addr(settings):
    from events.suggestion_rate_limit import client_address

    settings.CLIENT_IP_HEADER = ""
    assert client_address(request_via("203.0.113.9")) == "10.0.0.2"


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["X-Forwarded-For", "HTTP_X_FORWARDED_FOR"])
def test_the_client_is_what_the_outermost_trusted_proxy_saw(settings, header):
    from events.suggestion_rate_limit import client_address

    settings.CLIENT_IP_HEADER, settings.TRUSTED_PROXY_COUNT = header, 1
    # The client claims 1.2.3.4; the one proxy appended the address it really saw.
    assert client_address(request_via("1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    settings.TRUSTED_PROXY_COUNT = 2  # e.g. a CDN, then the site's own proxy
    assert client_address(request_via("1.2.3.4, 203.0.113.9, 198.51.100.1")) == "203.0.113.9"
    # Fewer entries than proxies: every entry was written by a trusted proxy.
    assert client_address(request_via("203.0.113.9")) == "203.0.113.9"


@pytest.mark.django_db
def test_a_missing_or_malformed_header_falls_back_to_remote_addr(settings):
    from events.suggestion_rate_limit import client_address

    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    assert client_address(RequestFactory().post("/", REMOTE_ADDR="10.0.0.3")) == "10.0.0.3"
    assert client_address(request_via("1.2.3.4, not-an-address")) == "10.0.0.2"
    assert client_address(request_via(" , ")) == "10.0.0.2"


@pytest.mark.django_db
def test_the_older_setting_name_still_works(settings):
    from events.suggestion_rate_limit import client_address

    settings.CLIENT_IP_HEADER = ""
    settings.EVENT_SUGGESTIONS_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    assert client_address(request_via("1.2.3.4, 203.0.113.9")) == "203.0.113.9"


@pytest.mark.django_db
def test_spoofed_addresses_share_the_real_clients_quota(settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    for n in range(5):
        assert send(request_via(f"192.0.2.{n}, 203.0.113.50"), EDGE)
    assert not send(request_via("192.0.2.99, 203.0.113.50"), EDGE)
    assert send(request_via("192.0.2.99, 203.0.113.51"), EDGE)


@pytest.mark.django_db
def test_old_windows_are_deleted_as_new_ones_are_counted():
    from events.models import SuggestionRateCount

    send(request_from("192.0.2.5"), EDGE)
    send(request_from("192.0.2.6"), EDGE + 2 * HOUR + 1)
    assert SuggestionRateCount.objects.count() == 1


# --- several processes at once ------------------------------------------------------------

BURST = """
import multiprocessing, threading
from django.db import connections
from django.test import RequestFactory
from events.suggestion_rate_limit import count_submission

context = multiprocessing.get_context("fork")
start, results = context.Event(), context.Queue()

def one():
    start.wait()
    results.put(count_submission(RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")))
    connections.close_all()

def worker():
    threads = [threading.Thread(target=one) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

connections.close_all()  # each forked worker opens its own
workers = [context.Process(target=worker) for _ in range(4)]
for process in workers:
    process.start()
start.set()
accepted = [results.get(timeout=60) for _ in range(20)]
for process in workers:
    process.join()
print("accepted", sum(accepted), "of", len(accepted))
"""


@pytest.mark.django_db(transaction=True)
def test_a_burst_from_four_processes_is_counted_once_each(shared_database):  # noqa: F811
    """20 submissions at once from 4 processes × 5 threads: exactly the limit is accepted."""
    from events.models import SuggestionRateCount
    from tests.hub.test_shared_cache import manage

    output = manage(shared_database, "shell", "-c", BURST)
    assert "accepted 5 of 20" in output
    assert SuggestionRateCount.objects.get().count == 20
