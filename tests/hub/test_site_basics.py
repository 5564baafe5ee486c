"""What a public site is expected to have: sitemap, robots.txt, favicon, feed, error pages."""

import xml.etree.ElementTree as ET

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from hub.models import NewsPage, PartnerPage, StandardPage

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ATOM_NS = {"a": "http://www.w3.org/2005/Atom"}


def test_sitemap_lists_both_languages(client, demo_site):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    locations = [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    assert len(locations) == len(set(locations)), "no duplicates"
    base = demo_site["sv"].full_url.rstrip("/")
    assert f"{base}/" in locations
    assert f"{base}/en/" in locations
    assert f"{base}/om/" in locations
    assert f"{base}/en/about/" in locations
    assert f"{base}/en/partners/digidem-lab/" in locations
    # Every live page, in both languages, exactly once.
    from wagtail.models import Page

    live = Page.objects.live().public().filter(depth__gt=1).count()
    assert len(locations) == live
    assert NewsPage.objects.live().count() == 6
    assert PartnerPage.objects.live().count() == 16


def test_sitemap_leaves_out_drafts(client, demo_site):
    about = StandardPage.objects.get(slug="om")
    about.get_translations().get().unpublish()
    locations = client.get("/sitemap.xml").content.decode()
    assert "/en/about/" not in locations
    assert "/om/" in locations


def test_robots_txt(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "User-agent: *" in body
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_favicon(client, home):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/static/hub/favicon.svg")
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/hub/favicon.svg" type="image/svg+xml">' in html


@pytest.mark.parametrize(("prefix", "language"), [("", "sv"), ("/en", "en")])
def test_news_feed_is_valid_atom_in_each_language(client, demo_site, prefix, language):
    response = client.get(f"{prefix}/news/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    entries = root.findall("a:entry", ATOM_NS)
    expected = NewsPage.objects.live().filter(locale__language_code=language).order_by("-date")
    assert [e.find("a:title", ATOM_NS).text for e in entries] == [p.title for p in expected]
    link = entries[0].find("a:link", ATOM_NS).get("href")
    assert link == f"http://testserver{expected[0].url}"
    assert entries[0].find("a:published", ATOM_NS).text.startswith(expected[0].date.isoformat())


def test_news_feed_query_count_does_not_grow(client, demo_site, django_assert_max_num_queries):
    from hub.factories import NewsPageFactory

    with django_assert_max_num_queries(8):
        client.get("/news/feed/")
    for _ in range(10):
        NewsPageFactory()
    with django_assert_max_num_queries(8):
        client.get("/news/feed/")


@pytest.mark.parametrize(
    ("path", "language"), [("/finns-inte/", "sv"), ("/en/does-not-exist/", "en")]
)
def test_404_in_the_sites_design_and_language(client, home, home_en, path, language):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert '<header class="site-header">' in html
    assert '<main id="main"' in html
    with translation.override(language):
        assert gettext("Page not found") in html


def test_404_for_a_non_page_path(client, home):
    response = client.get("/news/feed/extra/")
    assert response.status_code == 404
    assert '<main id="main"' in response.content.decode()


def test_500_renders_without_the_database(django_db_blocker):
    from hub.views import server_error

    request = RequestFactory().get("/en/broken/")
    with django_db_blocker.block(), translation.override("en"):
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Something went wrong" in html
    assert 'href="/static/hub/site.css"' in html
    assert 'href="/en/"' in html


def test_500_handler_is_used_for_errors(client, home, monkeypatch):
    from hub.models import HomePage

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "serve", explode)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "<main id=\"main\"" in response.content.decode()
