"""Query counts of the hub's pages stay flat as content grows (pinned figures)."""

from hub.factories import NewsPageFactory, PartnerPageFactory, StandardPageFactory

# Measured with the demo content (warm caches, SQLite): see docs/architecture.md. The pins
# leave a little room; a listing that becomes O(n) blows through them at once.
# Measured: home 23 (sv) / 25 (en), listings 16-19, search 13-15 (one query per page type
# in the results), news feed 5.
HOME_MAX_QUERIES = {"sv": 24, "en": 26}
LISTING_MAX_QUERIES = 20


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
    client, demo_site, django_assert_max_num_queries
):
    def check_all():
        measure(client, "/", django_assert_max_num_queries, HOME_MAX_QUERIES["sv"])
        measure(client, "/en/", django_assert_max_num_queries, HOME_MAX_QUERIES["en"])
        for path in LISTINGS:
            measure(client, path, django_assert_max_num_queries, LISTING_MAX_QUERIES)
        measure(client, "/search/?q=nyhet", django_assert_max_num_queries, LISTING_MAX_QUERIES)

    check_all()
    grow(demo_site["sv"], 15)
    check_all()
