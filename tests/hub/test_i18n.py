"""Languages: <html lang>, hreflang alternates and the language switcher."""

import re

from hub.factories import StandardPageFactory
from hub.models import StandardPage


def switcher_links(html):
    """{language: href} of the switcher's links (the current language has no link)."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {
        lang: href
        for href, lang in re.findall(r'<a href="([^"]*)" lang="(\w+)" hreflang="\w+">', nav)
    }


def hreflangs(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def test_switcher_leads_to_the_pages_own_translation(client, demo_site, en_page):
    about = StandardPage.objects.get(slug="om")
    about_en = en_page(about)
    sv_html = client.get(about.url).content.decode()
    assert switcher_links(sv_html) == {"en": about_en.url} == {"en": "/en/about/"}
    en_html = client.get(about_en.url).content.decode()
    assert switcher_links(en_html) == {"sv": "/om/"}


def test_switcher_falls_back_to_the_home_page_without_translation(client, home, home_en):
    only_swedish = StandardPageFactory(parent=home, title="Bara på svenska")
    html = client.get(only_swedish.url).content.decode()
    assert switcher_links(html) == {"en": "/en/"}
    # No hreflang alternates for a page that exists in one language only.
    assert hreflangs(html) == {}


def test_switcher_ignores_unpublished_translations(client, demo_site, en_page):
    about = StandardPage.objects.get(slug="om")
    about_en = en_page(about)
    about_en.unpublish()
    html = client.get(about.url).content.decode()
    assert switcher_links(html) == {"en": "/en/"}


def test_hreflang_alternates_and_x_default(client, demo_site, en_page):
    about = StandardPage.objects.get(slug="om")
    html = client.get(en_page(about).url).content.decode()
    links = hreflangs(html)
    assert links == {
        "sv": about.full_url,
        "en": en_page(about).full_url,
        "x-default": about.full_url,
    }


def test_switcher_and_hreflang_on_the_search_view(client, home, home_en):
    html = client.get("/search/", {"q": "öppen data"}).content.decode()
    assert switcher_links(html) == {"en": "/en/search/?q=%C3%B6ppen+data"}
    assert re.search(r'<html lang="sv"', html)
    en_html = client.get("/en/search/").content.decode()
    assert switcher_links(en_html) == {"sv": "/search/"}
    assert re.search(r'<html lang="en"', en_html)


def test_switcher_on_404_leads_home(client, home, home_en):
    html = client.get("/en/does-not-exist/").content.decode()
    assert switcher_links(html) == {"sv": "/"}


def test_html_lang_follows_the_url(client, home, home_en):
    assert '<html lang="sv">' in client.get("/").content.decode()
    assert '<html lang="en">' in client.get("/en/").content.decode()


def test_menu_is_in_the_active_language(client, demo_site):
    sv_html = client.get("/").content.decode()
    en_html = client.get("/en/").content.decode()
    assert 'href="/nyheter/">Nyheter</a>' in sv_html
    assert 'href="/en/news/">News</a>' in en_html
    assert "/nyheter/" not in en_html
