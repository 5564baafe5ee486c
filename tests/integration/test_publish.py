"""A publish from any path is visible on the next request: through Varnish (purged) and in
every gunicorn worker (the shared cache), for the page, its listing and the feeds, sv and en."""

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

import pytest

from tests.integration.conftest import retitle_code
from tests.servers import csrf_token

pytestmark = pytest.mark.integration

# What shows the event's title: the page, its group's page (listing), the group's feed and
# the site feed (the calendar listing and the home page only show a window of events).
SHOWN_IN = ("page", "listing", "feed", "site_feed")
LANGUAGES = ("sv", "en")


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def text_of(response):
    # iCalendar folds long lines ("\r\n "): unfold before looking for a title.
    return response.text.replace("\r\n ", "")


def addresses(event):
    return [(lang, what, path_of(event[lang][what])) for lang in LANGUAGES for what in SHOWN_IN]


def ids(event):
    return [event[lang]["id"] for lang in LANGUAGES]


def assert_everywhere(client, event, marker, *, cached=None):
    for lang, what, path in addresses(event):
        response = client.get(path)
        assert response.status == 200, (lang, what, path, response.status)
        assert marker in text_of(response), f"{marker} missing from {lang} {what} {path}"
        if cached is not None:
            assert response.header("x-cache") == cached, (lang, what, path, response.headers)


def assert_every_worker(stack, event, marker, requests=20):
    client = stack.client("gunicorn")
    jobs = [path for _lang, what, path in addresses(event) if what in ("page", "feed")]

    def fetch(index):
        return text_of(client.get(jobs[index % len(jobs)]))

    with ThreadPoolExecutor(max_workers=8) as pool:
        bodies = list(pool.map(fetch, range(requests)))
    fresh = sum(marker in body for body in bodies)
    assert fresh == requests, f"{fresh} of {requests} responses showed {marker}"


def warm(client, event):
    for _lang, _what, path in addresses(event):
        client.get(path)


def admin_login(client, username, password):
    token = csrf_token(client.get("/admin/login/"))
    response = client.post(
        "/admin/login/",
        {"csrfmiddlewaretoken": token, "username": username, "password": password,
         "next": "/admin/"},
    )
    assert response.status == 302, response.text[:2000]


def admin_publish(client, page_ids):
    """Wagtail's bulk 'Publish' action in the admin (publishes each page's latest draft)."""
    query = urlencode([("id", pk) for pk in page_ids] + [("next", "/admin/")])
    path = f"/admin/bulk/wagtailcore/page/publish/?{query}"
    token = csrf_token(client.get(path))
    response = client.post(path, {"csrfmiddlewaretoken": token}, referer=path)
    assert response.status == 302, response.text[:2000]


@pytest.fixture(scope="module")
def editor(stack):
    stack.shell(
        "from django.contrib.auth import get_user_model; import json\n"
        "get_user_model().objects.create_superuser('edge-editor', 'e@example.org', 'Pw-edge-1')\n"
        "print(json.dumps({'ok': True}))"
    )
    return "edge-editor", "Pw-edge-1"


def test_shell_publish_is_visible_through_varnish_and_in_every_worker(stack, event):
    varnish = stack.client("varnish")
    warm(varnish, event)
    stack.shell(retitle_code(ids(event), "SHELLPUB", "publish"))
    assert_everywhere(varnish, event, "SHELLPUB")
    assert_every_worker(stack, event, "SHELLPUB")
    # And those answers are now cached by Varnish.
    assert_everywhere(varnish, event, "SHELLPUB", cached="HIT")


def test_admin_publish_is_visible_through_varnish_on_the_next_request(stack, event, editor):
    varnish = stack.client("varnish")
    warm(varnish, event)
    # A draft changes nothing that visitors see: the cached copies stay.
    stack.shell(retitle_code(ids(event), "ADMINPUB", "draft"))
    for _lang, _what, path in addresses(event):
        response = varnish.get(path)
        assert response.header("x-cache") == "HIT" and "ADMINPUB" not in text_of(response)

    admin = stack.client("nginx")
    admin_login(admin, *editor)
    admin_publish(admin, ids(event))
    assert_everywhere(varnish, event, "ADMINPUB")
    assert_every_worker(stack, event, "ADMINPUB")


def test_publish_scheduled_is_visible_through_varnish_and_in_every_worker(stack, event):
    varnish = stack.client("varnish")
    warm(varnish, event)
    stack.shell(retitle_code(ids(event), "CRONPUB", "schedule"))
    stack.manage("publish_scheduled")
    assert_everywhere(varnish, event, "CRONPUB")
    assert_every_worker(stack, event, "CRONPUB")
