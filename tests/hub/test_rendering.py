"""Every hub page type renders in Swedish and English, with the site's chrome and metadata."""

import re
from html.parser import HTMLParser

import pytest
from django.utils.translation import gettext, override
from wagtail.models import Page

from hub.models import NewsIndexPage, NewsPage, PartnerIndexPage, PartnerPage, StandardPage


class HeadParser(HTMLParser):
    """Collects <meta>, <link> and the <html lang> of a page."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = []
        self.lang = None
        self.h1 = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "h1":
            self.h1 += 1


def parse(response):
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def demo_pages(demo_site):
    sv_home = demo_site["sv"]
    news_index = NewsIndexPage.objects.child_of(sv_home).get()
    partner_index = PartnerIndexPage.objects.child_of(sv_home).get()
    return {
        "home": sv_home,
        "standard": StandardPage.objects.child_of(sv_home).get(slug="om"),
        "news_index": news_index,
        "news": NewsPage.objects.child_of(news_index).first(),
        "partner_index": partner_index,
        "partner": PartnerPage.objects.child_of(partner_index).get(slug="digidem-lab"),
    }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_page_type_renders_in_its_language(client, demo_site, en_page, language):
    # Navigation comes from the page tree of the same language.
    menu = [p.title for p in demo_site[language].get_children().live().in_menu()]
    assert len(menu) == 3
    for kind, page in demo_pages(demo_site).items():
        if language == "en":
            page = en_page(page)
        response = client.get(page.url)
        assert response.status_code == 200, kind
        html = response.content.decode()
        head = parse(response)
        assert head.lang == language, kind
        assert head.h1 == 1, f"exactly one <h1> on the {kind} page"
        assert page.title in html, kind
        assert '<main id="main"' in html, kind
        assert 'class="skip-link" href="#main"' in html, kind
        assert all(title in html for title in menu), kind


@pytest.mark.parametrize("language", ["sv", "en"])
def test_meta_and_open_graph_come_from_the_promote_tab(client, demo_site, en_page, language):
    page = demo_pages(demo_site)["standard"]
    if language == "en":
        page = en_page(page)
    head = parse(client.get(page.url))
    assert head.meta["description"] == page.search_description
    assert head.meta["og:description"] == page.search_description
    assert head.meta["og:title"] == page.seo_title
    assert head.meta["og:url"] == page.full_url
    assert head.meta["og:locale"] == {"sv": "sv_SE", "en": "en_GB"}[language]
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [page.full_url]


def test_title_uses_seo_title_with_site_name(client, demo_site):
    page = demo_pages(demo_site)["standard"]
    html = client.get(page.url).content.decode()
    assert f"<title>{page.seo_title} · Civic Tech Sweden</title>" in html
    home_html = client.get("/").content.decode()
    assert "<title>Civic Tech Sweden</title>" in home_html


def test_open_graph_image_from_listing_image(client, home):
    from wagtail_factories import ImageFactory

    from hub.factories import StandardPageFactory

    page = StandardPageFactory(parent=home, listing_image=ImageFactory(
        title="Workshop", file__width=1600, file__height=1000
    ))
    head = parse(client.get(page.url))
    assert head.meta["og:image"].startswith("http://testserver/")
    assert head.meta["og:image:width"] == "1200"
    assert head.meta["twitter:card"] == "summary_large_image"


def test_news_pages_link_the_atom_feed(client, demo_site, en_page):
    pages = demo_pages(demo_site)
    for page in (pages["news_index"], pages["news"], en_page(pages["news"])):
        head = parse(client.get(page.url))
        feeds = [link for link in head.links if link.get("type") == "application/atom+xml"]
        prefix = "/en" if page.locale.language_code == "en" else ""
        assert [link["href"] for link in feeds] == [f"{prefix}/news/feed/"]


def test_partner_index_groups_partners_by_kind(client, demo_site, en_page):
    index = en_page(demo_pages(demo_site)["partner_index"])
    html = client.get(index.url).content.decode()
    with override("en"):
        coordinator, funder = gettext("Coordinator"), gettext("Funder")
    assert html.index(coordinator) < html.index("Digidem Lab") < html.index(funder)
    assert html.index(funder) < html.index("Vinnova")
    assert "Coordinates the national civic tech platform" in html


def test_partner_page_lists_its_contacts_in_both_languages(client, demo_site, en_page):
    partner = demo_pages(demo_site)["partner"]
    for page in (partner, en_page(partner)):
        html = client.get(page.url).content.decode()
        assert "Petter Joelson" in html, page.url
        assert ">digidemlab.org</a>" in html


def test_person_email_only_when_chosen(client, home):
    from hub.factories import PartnerPageFactory, PersonFactory

    partner = PartnerPageFactory()
    PersonFactory(name="Hidden Mail", email="hidden@example.org", organisation_page=partner)
    PersonFactory(
        name="Shown Mail", email="shown@example.org", show_email=True, organisation_page=partner
    )
    html = client.get(partner.url).content.decode()
    assert "shown@example.org" in html
    assert "hidden@example.org" not in html


def test_body_blocks_render(client, home):
    from wagtail.rich_text import RichText

    from hub.factories import StandardPageFactory

    target = StandardPageFactory(parent=home, title="Mål")
    page = StandardPageFactory(
        parent=home,
        body=[
            ("heading", {"text": "Rubrik tre", "level": "h3"}),
            ("paragraph", RichText("<p>Brödtext <b>fet</b></p>")),
            ("quote", {"quote": "Citat här", "attribution": "Någon"}),
            (
                "call_to_action",
                {
                    "heading": "Gör något",
                    "text": "Nu",
                    "link": {"title": "", "page": target, "external_url": ""},
                },
            ),
            (
                "link_list",
                {
                    "heading": "Länkar",
                    "links": [
                        {"title": "Extern", "page": None, "external_url": "https://example.org/"}
                    ],
                },
            ),
        ],
    )
    html = client.get(page.url).content.decode()
    assert '<h3 class="block-heading">Rubrik tre</h3>' in html
    assert "<b>fet</b>" in html
    assert "Citat här" in html and "Någon" in html
    assert f'<a class="button" href="{target.url}">Mål</a>' in html
    assert '<a href="https://example.org/">Extern</a>' in html


def test_draft_pages_stay_out_of_the_menu_and_listings(client, home):
    from hub.factories import NewsPageFactory, StandardPageFactory

    draft = StandardPageFactory(parent=home, title="Utkast", show_in_menus=True, live=False)
    hidden_news = NewsPageFactory(title="Hemlig nyhet", live=False)
    html = client.get("/").content.decode()
    assert draft.title not in html
    news_html = client.get(hidden_news.get_parent().url).content.decode()
    assert hidden_news.title not in news_html


def test_block_templates_exist_for_every_body_block():
    from django.template.loader import get_template

    from hub.blocks import BodyStreamBlock

    for name, block in BodyStreamBlock().child_blocks.items():
        template = block.meta.template
        assert template, f"{name} has no template"
        get_template(template)


def test_pages_are_html_valid_enough(client, demo_site):
    """No unrendered template syntax and no empty hrefs anywhere."""
    for page in Page.objects.live().filter(depth__gt=1):
        html = client.get(page.url).content.decode()
        assert "{{" not in html and "{%" not in html, page.url
        assert not re.search(r'href=""', html), page.url


PREVIEWED_BLOCKS = ["heading", "paragraph", "quote", "call_to_action", "link_list"]


def body_block(name):
    return StandardPage._meta.get_field("body").stream_block.child_blocks[name]


def test_every_body_block_describes_itself_in_the_block_picker():
    for name, block in StandardPage._meta.get_field("body").stream_block.child_blocks.items():
        assert block.get_description(), f"{name} has no description"
        # Only blocks whose example needs no library content or network are previewed.
        assert block.is_previewable == (name in PREVIEWED_BLOCKS), name


@pytest.mark.parametrize("name", PREVIEWED_BLOCKS)
def test_block_preview_values_are_valid_and_render(name, db):
    block = body_block(name)
    preview = block.get_preview_value()
    block.clean(preview)
    assert block.render(preview).strip()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("heading", "<h2 class=\"block-heading\">Så arbetar vi</h2>"),
        ("paragraph", "<b>delta i samhället</b>"),
        ("quote", "Teknik för det gemensamma byggs bäst tillsammans."),
        ("call_to_action", '<a class="button" href="https://civictech.se/">'),
        ("link_list", '<a href="https://digidemlab.org/">Digidem Lab</a>'),
    ],
)
def test_block_picker_preview_renders_in_the_site_styles(name, expected, client, admin_user):
    from django.urls import reverse

    client.force_login(admin_user)
    response = client.get(
        reverse("wagtailadmin_block_preview"), {"id": body_block(name).definition_prefix}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "hub/site.css" in html
    assert expected in html
