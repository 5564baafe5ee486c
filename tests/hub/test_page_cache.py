"""Public pages: headers a shared cache may act on, 304s, and the application's page cache.

Everything goes through the Django test client and the real middleware stack; the cache is
the local-memory one here (tests/hub/test_shared_cache.py runs the shared ones).
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from hub.factories import StandardPageFactory
from hub.page_cache import content_generation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_MAX_AGE = 60
    settings.PAGE_CACHE_S_MAXAGE = 600


@pytest.fixture
def about(home, client):
    page = StandardPageFactory(parent=home, title="Om oss", slug="om-oss")
    # The first page shown creates the site's settings row (a content change, so it bumps
    # the generation): let that happen before the tests look.
    client.get(home.url)
    return page


@pytest.fixture
def calendar(home):
    from events.factories import CalendarPageFactory

    return CalendarPageFactory(parent=home)


def vary(response):
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


def test_anonymous_page_is_public_with_a_strong_etag_and_no_vary_cookie(client, about):
    response = client.get(about.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"
    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert "cookie" not in vary(response)
    assert "accept-language" not in vary(response)  # the language is the address's prefix
    assert not response.cookies


def test_lifetimes_come_from_the_settings(client, about, settings):
    settings.PAGE_CACHE_MAX_AGE, settings.PAGE_CACHE_S_MAXAGE = 5, 3600
    assert client.get(about.url)["Cache-Control"] == "public, max-age=5, s-maxage=3600"


def test_a_repeated_request_costs_no_query_and_a_matching_etag_gets_304(
    client, about, django_assert_num_queries
):
    first = client.get(about.url)
    assert first["X-App-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(about.url)
        not_modified = client.get(about.url, HTTP_IF_NONE_MATCH=first["ETag"])
        head = client.head(about.url)
    assert second.status_code == 200 and second["X-App-Cache"] == "hit"
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == first["Cache-Control"]
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert head.status_code == 200
    # A fresh render answers If-None-Match too.
    about.save_revision().publish()
    assert client.get(about.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_query_string_host_and_language_are_separate_entries(client, about, home_en):
    client.get(about.url)
    assert client.get(about.url + "?page=2")["X-App-Cache"] == "miss"
    assert client.get(about.url, HTTP_HOST="localhost")["X-App-Cache"] == "miss"
    assert client.get("/en/")["X-App-Cache"] == "miss"
    assert client.get(about.url + "?page=2")["X-App-Cache"] == "hit"


def title_in(response):
    return response.content.decode()


def test_publish_unpublish_move_and_delete_are_seen_on_the_next_request(client, about, home):
    client.get(about.url)
    about.title = "Om föreningen"
    about.save_revision().publish()
    assert "Om föreningen" in title_in(client.get(about.url))

    other = StandardPageFactory(parent=home, title="Kontakt", slug="kontakt")
    client.get(home.url)
    client.get(other.url)
    Page.objects.get(pk=other.pk).unpublish()
    assert client.get(other.url).status_code == 404

    client.get(about.url)
    assert client.get(about.url)["X-App-Cache"] == "hit"
    Page.objects.get(pk=about.pk).move(Page.objects.get(pk=other.pk), pos="last-child")
    assert client.get(about.url).status_code in (301, 404)  # Wagtail may add a redirect
    moved = Page.objects.get(pk=about.pk)
    assert client.get(moved.url).status_code == 200

    client.get(moved.url)
    moved.delete()
    assert client.get(moved.url).status_code == 404


def test_revert_to_an_earlier_revision_is_seen(client, about):
    first_revision = about.save_revision()
    first_revision.publish()
    about.title = "Tillfällig rubrik"
    about.save_revision().publish()
    assert "Tillfällig rubrik" in title_in(client.get(about.url))
    # What the admin's "revert and publish" does: a new revision from the old content.
    old = first_revision.as_object()
    old.save_revision(previous_revision=first_revision).publish()
    body = title_in(client.get(about.url))
    assert "Tillfällig rubrik" not in body and "Om oss" in body


def test_saving_a_draft_leaves_the_cached_page(client, about):
    client.get(about.url)
    about.title = "Bara ett utkast"
    about.save_revision()
    response = client.get(about.url)
    assert response["X-App-Cache"] == "hit" and "Bara ett utkast" not in title_in(response)


@pytest.mark.parametrize(
    "change",
    ["person", "site_settings", "image", "collection", "site", "redirect", "tag", "document"],
)
def test_snippets_settings_media_and_site_changes_bump_the_generation(change, home):
    from django.core.files.base import ContentFile
    from taggit.models import Tag
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents.models import Document
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Collection, Site

    from hub.factories import PersonFactory
    from hub.models import SiteSettings

    def make():
        if change == "person":
            PersonFactory()
        elif change == "site_settings":
            SiteSettings.for_site(Site.objects.get(is_default_site=True)).save()
        elif change == "image":
            from wagtail.images.models import Image

            Image.objects.create(title="Logga", file=get_test_image_file())
        elif change == "collection":
            Collection.get_first_root_node().add_child(name="Pressbilder")
        elif change == "site":
            site = Site.objects.get(is_default_site=True)
            site.site_name = "Civic Tech Sverige"
            site.save()
        elif change == "redirect":
            Redirect.objects.create(old_path="/gammal", redirect_page=home)
        elif change == "tag":
            Tag.objects.create(name="öppna data", slug="oppna-data")
        elif change == "document":
            Document.objects.create(title="Rapport", file=ContentFile(b"%PDF-1.4", "r.pdf"))

    generation = content_generation()
    make()
    assert content_generation() != generation


def test_renditions_made_while_a_page_is_viewed_do_not_bump(home):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Logga", file=get_test_image_file())
    generation = content_generation()
    image.get_rendition("fill-100x100")
    image.get_file_size()
    assert content_generation() == generation


def test_logged_in_users_get_private_pages_that_are_never_stored(client, about, django_user_model):
    client.get(about.url)  # cached for anonymous visitors
    user = django_user_model.objects.create_superuser("redaktor", "r@example.org", "pw")
    client.force_login(user)
    response = client.get(about.url)
    assert "X-App-Cache" not in response  # not answered from the anonymous copy
    assert response["Cache-Control"] == "private, no-store"
    assert "cookie" in vary(response)
    client.logout()
    client.cookies.clear()
    anonymous = client.get(about.url)
    assert anonymous["X-App-Cache"] == "hit" and "wagtail-userbar" not in title_in(anonymous)


def test_a_form_with_a_csrf_token_stays_private(client, calendar):
    from django.urls import reverse

    response = client.get(reverse("events:suggest_event"))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "cookie" in vary(response)
    assert "X-App-Cache" not in response


def test_admin_search_and_documents_are_never_public(client, home):
    for path in ("/admin/login/", "/search/?q=civic", "/en/search/?q=civic"):
        response = client.get(path)
        assert "public" not in response.get("Cache-Control", ""), path
        assert "X-App-Cache" not in response, path


def test_a_session_cookie_bypasses_the_page_cache(client, about, settings):
    client.get(about.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "not-a-real-session"
    response = client.get(about.url)
    assert response.status_code == 200
    assert "X-App-Cache" not in response and "private" in response["Cache-Control"]


def test_not_found_and_redirects_are_not_stored(client, home):
    assert client.get("/finns-inte/").status_code == 404
    response = client.get("/finns-inte/")
    assert "X-App-Cache" not in response and "public" not in response.get("Cache-Control", "")


def test_feeds_follow_the_same_header_rules(client, calendar, settings):
    from events.factories import EventPageFactory

    settings.PAGE_CACHE_MAX_AGE, settings.PAGE_CACHE_S_MAXAGE = 30, 900
    EventPageFactory(parent=calendar)
    for _ in range(2):  # built, then from the feed cache
        response = client.get(calendar.url + "calendar.ics")
        assert response.status_code == 200
        assert response["Cache-Control"] == "public, max-age=30, s-maxage=900"
        assert "cookie" not in vary(response)


def test_the_page_cache_can_be_turned_off(client, about, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(about.url)
    response = client.get(about.url)
    assert "X-App-Cache" not in response
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"


# --- the database cache -----------------------------------------------------------------


@pytest.fixture
def database_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "hub.cache.ResilientDatabaseCache", "LOCATION": "hub_cache"}
    }
    call_command("createcachetable", verbosity=0)


def test_with_the_database_cache_a_hit_is_one_query_on_the_cache_table(
    client, about, database_cache
):
    assert client.get(about.url)["X-App-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(about.url)
    assert response["X-App-Cache"] == "hit"
    statements = [q["sql"] for q in queries.captured_queries]
    # One SELECT of the generation and the page together; in a test's transaction on
    # PostgreSQL it runs in a savepoint (a failing cache query must not abort the test's).
    selects = [sql for sql in statements if sql.startswith("SELECT")]
    assert len(selects) == 1 and "hub_cache" in selects[0]
    assert all("SAVEPOINT" in sql for sql in statements if not sql.startswith("SELECT"))


def test_a_missing_cache_table_is_a_logged_miss_not_an_error(client, about, settings, caplog):
    settings.CACHES = {
        "default": {"BACKEND": "hub.cache.ResilientDatabaseCache", "LOCATION": "no_such_table"}
    }
    with caplog.at_level("ERROR", logger="hub.cache"):
        first, second = client.get(about.url), client.get(about.url)
        about.save_revision().publish()  # the bump fails too, quietly
    assert first.status_code == second.status_code == 200
    assert "X-App-Cache" in second and second["X-App-Cache"] == "miss"
    assert any(r.name == "hub.cache" for r in caplog.records)
