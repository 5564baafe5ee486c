"""The per-address limit is a sliding window: no double burst across a window's edge."""

import pytest
from django.test import RequestFactory

from events.suggestion_rate_limit import count_submission, is_rate_limited, submissions_in_window

pytestmark = pytest.mark.django_db

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


def test_a_burst_at_the_end_of_a_window_still_counts_after_its_edge():
    request = request_from("192.0.2.1")
    assert [send(request, EDGE - 10) for _ in range(6)] == [True] * 5 + [False]
    # A fixed window would allow five more right after the edge; the sliding one does not.
    assert not send(request, EDGE + 10)
    assert not send(request, EDGE + 20)


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


def test_addresses_are_counted_apart():
    one, other = request_from("192.0.2.3"), request_from("192.0.2.4")
    for _ in range(5):
        assert send(one, EDGE)
    assert not send(one, EDGE)
    assert send(other, EDGE)
