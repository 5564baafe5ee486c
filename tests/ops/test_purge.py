"""Publishing purges the shared cache: the page, its feeds, its listings and the home page,
in both languages. A real HTTP server stands in for Varnish and records the PURGE requests
that Wagtail's frontend_cache HTTP backend sends."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hub.factories import translate
from labs.factories import LocalGroupIndexPageFactory, LocalGroupPageFactory


class Recorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def edge(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def tree(home, home_en):
    from events.factories import CalendarPageFactory, EventPageFactory

    calendar = CalendarPageFactory(parent=home, slug="kalender")
    translate(calendar, slug="calendar", title="Calendar")

    index = LocalGroupIndexPageFactory(parent=home, slug="grupper")
    translate(index, slug="groups", title="Groups")
    group = LocalGroupPageFactory(parent=index, slug="goteborg")
    translate(group, slug="gothenburg")
    event = EventPageFactory(parent=group, slug="traff")
    translate(event, slug="meetup")
    return event


def purged_paths(edge):
    return {path for _host, path in edge.purged}


@pytest.mark.django_db
def test_publish_purges_page_feeds_listings_and_home_in_both_languages(
    tree, edge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tree.save_revision().publish()
    paths = purged_paths(edge)
    expected = {
        "/grupper/goteborg/traff/",
        "/grupper/goteborg/traff/event.ics",
        "/grupper/goteborg/",
        "/grupper/goteborg/calendar.ics",
        "/grupper/",
        "/",
        "/kalender/calendar.ics",
        "/en/groups/gothenburg/meetup/",
        "/en/groups/gothenburg/meetup/event.ics",
        "/en/groups/gothenburg/calendar.ics",
        "/en/groups/",
        "/en/",
        "/en/calendar/calendar.ics",
    }
    assert expected <= paths, sorted(expected - paths)
    assert {host for host, _path in edge.purged} == {"testserver"}


@pytest.mark.django_db
def test_nothing_is_sent_before_the_transaction_commits(tree, edge):
    # Inside the test's transaction: the purge waits for a commit that never comes.
    tree.save_revision().publish()
    assert edge.purged == []


@pytest.mark.django_db
def test_unpublish_move_and_delete_purge_the_old_addresses(
    tree, edge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tree.unpublish()
    assert "/grupper/goteborg/traff/" in purged_paths(edge)

    edge.purged.clear()
    group = tree.get_parent()
    other = LocalGroupPageFactory(parent=group.get_parent(), slug="malmo")
    with django_capture_on_commit_callbacks(execute=True):
        tree.move(other, pos="last-child")
    paths = purged_paths(edge)
    assert {"/grupper/goteborg/traff/", "/grupper/malmo/traff/", "/grupper/goteborg/"} <= paths

    edge.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert {"/grupper/malmo/", "/grupper/malmo/traff/", "/grupper/"} <= purged_paths(edge)


@pytest.mark.django_db
def test_without_a_frontend_cache_nothing_is_sent(
    tree, edge, settings, django_capture_on_commit_callbacks
):
    del settings.WAGTAILFRONTENDCACHE
    with django_capture_on_commit_callbacks(execute=True):
        tree.save_revision().publish()
    assert edge.purged == []


@pytest.mark.django_db
def test_publish_purges_the_embeds_and_json_lists_of_organisers(
    tree, edge, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        tree.save_revision().publish()
    paths = purged_paths(edge)
    expected = {
        "/grupper/goteborg/embed/",
        "/grupper/goteborg/upcoming.json",
        "/kalender/embed/",
        "/kalender/upcoming.json",
        "/en/groups/gothenburg/embed/",
        "/en/groups/gothenburg/upcoming.json",
        "/en/calendar/embed/",
        "/en/calendar/upcoming.json",
    }
    assert expected <= paths, sorted(expected - paths)
