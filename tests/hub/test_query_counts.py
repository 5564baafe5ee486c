"""Query counts of the hub's pages stay flat as content grows (pinned figures)."""

from hub.factories import NewsPageFactory, PartnerPageFactory, StandardPageFactory

# Measured with the hub's demo content (warm caches, SQLite, page cache off): home 16 (sv) /
# 18 (en), listings 11-13, search 9-11 (one query per page type among the results); the
# page chrome (menu, language links, breadcrumbs, footer link) is one query of them. A
# listing that becomes O(n) blows through these pins at once.
HOME_MAX_QUERIES = {"sv": 16, "en": 18}
LISTING_MAX_QUERIES = 13
SEARCH_MAX_QUERIES = 20


def measure(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # warm the per-process caches (content types, site root paths)
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def grow(home, n):
    for number in range(n):
        NewsPageFactory(title=f"Nyhet {number}")
        PartnerPageFactory(title=f"Partner {number}")
        StandardPageFactory(parent=home, title=f"Sida {number}", show_in_menus=True)


LISTINGS = ["/nyheter/", "/partner/", "/en/news/", "/en/partners/"]


def test_query_counts_stay_flat_as_content_grows(
    client, demo_site, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # count what a rendering costs, not a page cache hit
    def check_all():
        measure(client, "/", django_assert_max_num_queries, HOME_MAX_QUERIES["sv"])
        measure(client, "/en/", django_assert_max_num_queries, HOME_MAX_QUERIES["en"])
        for path in LISTINGS:
            measure(client, path, django_assert_max_num_queries, LISTING_MAX_QUERIES)
        measure(client, "/search/?q=nyhet", django_assert_max_num_queries, SEARCH_MAX_QUERIES)

    check_all()
    grow(demo_site["sv"], 15)
    check_all()


# --- The sitemap and a partner page ---------------------------------------------------------
# Both list content of every app: the sitemap every live page, the partner page the projects,
# local groups and labs the partner takes part in (through projects_tags and labs_tags).
# Measured (SQLite, demo content, warm caches, page cache off) at 3 and 25 linked items of
# each kind: sitemap 22 (Wagtail's view: one query per page type of the Swedish tree; the
# English tree comes in one), partner page 17 (sv) / 18 (en), the same at both sizes.
SITEMAP_MAX_QUERIES = 22
PARTNER_MAX_QUERIES = 18


def grow_partner(partner, start, stop):
    """Add pages of several types, each linked to `partner` (project lead or partner, group
    partner, lab host), numbered start..stop-1."""
    from events.factories import EventPageFactory
    from labs.factories import (
        LabHostPartnerFactory,
        LabPageFactory,
        LocalGroupPageFactory,
        LocalGroupPartnerFactory,
    )
    from projects.factories import ProjectPageFactory
    from projects.models import ProjectPartner

    for number in range(start, stop):
        NewsPageFactory(title=f"Nyhet {number}")
        EventPageFactory(title=f"Evenemang {number}")
        if number % 2:
            ProjectPageFactory(title=f"Projekt {number}", lead_organisation=partner)
        else:
            ProjectPageFactory(
                title=f"Projekt {number}",
                project_partners=[ProjectPartner(partner=partner, role="Forskning")],
            )
        group = LocalGroupPageFactory(city=f"Stad {number}", slug=f"stad-{number}")
        LocalGroupPartnerFactory(page=group, partner=partner)
        LabHostPartnerFactory(page=LabPageFactory(title=f"Labb {number}"), partner=partner)


def test_sitemap_and_partner_page_stay_flat_as_content_grows(
    client, demo_site, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # count what a rendering costs, not a page cache hit
    from wagtail.models import Locale

    from hub.models import PartnerPage

    partner = PartnerPage.objects.get(locale__language_code="sv", slug="digidem-lab")
    partner_en = partner.get_translation(Locale.objects.get(language_code="en"))

    def check_all():
        measure(client, "/sitemap.xml", django_assert_max_num_queries, SITEMAP_MAX_QUERIES)
        measure(client, partner.url, django_assert_max_num_queries, PARTNER_MAX_QUERIES)
        measure(client, partner_en.url, django_assert_max_num_queries, PARTNER_MAX_QUERIES)

    grow_partner(partner, 0, 3)
    check_all()
    assert "Projekt 1" in client.get(partner.url).content.decode()
    grow_partner(partner, 3, 25)
    check_all()
    html = client.get(partner.url).content.decode()
    assert "Projekt 24" in html and "Civic Tech Stad 24" in html and "Labb 24" in html
    assert client.get("/sitemap.xml").content.decode().count("<url>") >= 6 * 25


# --- Privacy, now checked inside the listings' own queries ------------------------------------


def test_private_pages_stay_out_of_the_menu_the_home_news_and_the_sitemap(
    client, demo_site, settings
):
    from wagtail.models import PageViewRestriction

    settings.PAGE_CACHE_SECONDS = 0
    secret = StandardPageFactory(
        parent=demo_site["sv"], title="Hemlig sida", slug="hemlig", show_in_menus=True
    )
    secret_en = StandardPageFactory(
        parent=demo_site["en"], title="Secret page", slug="secret", show_in_menus=True
    )
    news = NewsPageFactory(title="Hemlig nyhet", slug="hemlig-nyhet")
    for page in (secret, secret_en, news):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="lösen"
        )

    home = client.get("/").content.decode()
    assert "Hemlig sida" not in home and "Hemlig nyhet" not in home
    assert "Secret page" not in client.get("/en/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/hemlig/" not in sitemap and "/hemlig-nyhet/" not in sitemap
    assert "/en/secret/" not in sitemap

    PageViewRestriction.objects.all().delete()
    home = client.get("/").content.decode()
    assert "Hemlig sida" in home and "Hemlig nyhet" in home
    assert "Secret page" in client.get("/en/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/hemlig/" in sitemap and "/hemlig-nyhet/" in sitemap and "/en/secret/" in sitemap
