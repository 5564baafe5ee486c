"""The hub in real Chromium: home, menu navigation, language switcher, phone width, axe."""

import io
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

# Live-server tests commit their data; tests/conftest.py recreates the page tree's skeleton
# (roots, locales, home pages) after each flush.
pytestmark = pytest.mark.django_db(transaction=True)


def ui(text, language="sv"):
    """A UI string as the site shows it in `language` (translations come from the .po)."""
    with translation.override(language):
        return translation.gettext(text)


def main_nav(page, language="sv"):
    return page.get_by_role("navigation", name=ui("Main", language), exact=True)


@pytest.fixture
def demo(live_server):
    """The hub's demo content, Swedish and English, served by the live server."""
    from hub.demo import site

    site.load(io.StringIO())
    return live_server.url


def test_home_page(page, demo):
    page.goto(demo + "/")
    expect(page).to_have_title("Civic Tech Sweden")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Civic Tech Sweden")
    nav = main_nav(page)
    expect(nav.get_by_role("link", name="Nyheter")).to_be_visible()
    expect(nav.get_by_role("link", name="Partner")).to_be_visible()
    # The skip link is the first thing a keyboard user reaches, and it is visible then.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))


def test_navigate_to_a_standard_page_and_a_news_item_via_the_menu(page, demo):
    page.goto(demo + "/")
    nav = main_nav(page)
    nav.get_by_role("link", name="Om nätverket").click()
    expect(page).to_have_url(demo + "/om/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Om nätverket")
    expect(nav.get_by_role("link", name="Om nätverket")).to_have_attribute("aria-current", "page")

    nav.get_by_role("link", name="Nyheter").click()
    expect(page).to_have_url(demo + "/nyheter/")
    main = page.locator("main")
    first = main.get_by_role("heading", level=2).first.get_by_role("link")
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page).to_have_url(re.compile(r"/nyheter/[\w-]+/$"))
    # The section stays marked in the menu, and the breadcrumb leads back.
    expect(nav.get_by_role("link", name="Nyheter")).to_have_attribute("aria-current", "true")
    page.get_by_role("navigation", name=ui("Breadcrumb"), exact=True).get_by_role(
        "link", name="Nyheter"
    ).click()
    expect(page).to_have_url(demo + "/nyheter/")


def test_language_switcher_to_english_and_back(page, demo):
    page.goto(demo + "/om/")
    page.get_by_role("link", name=ui("English", "en"), exact=True).click()
    expect(page).to_have_url(demo + "/en/about/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("About the network")
    expect(page.get_by_role("link", name="Skip to content")).to_be_attached()
    page.get_by_role("link", name=ui("Swedish", "sv"), exact=True).click()
    expect(page).to_have_url(demo + "/om/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")


def test_language_switcher_on_search_keeps_the_query(page, demo):
    page.goto(demo + "/search/?q=vinnova")
    page.get_by_role("link", name=ui("English", "en"), exact=True).click()
    expect(page).to_have_url(demo + "/en/search/?q=vinnova")
    expect(page.get_by_role("searchbox")).to_have_value("vinnova")
    expect(page.locator("main")).to_contain_text("Vinnova")


def test_search_from_the_menu(page, demo):
    page.goto(demo + "/en/")
    main_nav(page, "en").get_by_role("link", name="Search").click()
    page.get_by_label("Search the site").fill("accessibility")
    page.get_by_role("button", name="Search").click()
    page.locator("main").get_by_role("link", name="Accessibility statement").click()
    expect(page).to_have_url(demo + "/en/accessibility/")


def test_phone_width(browser, demo, axe):
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, locale="sv-SE", timezone_id="Europe/Stockholm",
        device_scale_factor=2, is_mobile=True, has_touch=True,
    )
    phone = context.new_page()
    try:
        for path in ("/", "/om/", "/nyheter/", "/partner/", "/en/partners/digidem-lab/"):
            phone.goto(demo + path)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{path} scrolls sideways on a phone ({width}px)"
            nav = main_nav(phone)
            for link in nav.get_by_role("link").all():
                expect(link).to_be_visible()
                box = link.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= 375, path
            expect(phone.get_by_role("heading", level=1)).to_be_in_viewport()
        axe(phone, "at 375px")
    finally:
        context.close()


PAGES = {
    "sv": [
        "/", "/om/", "/tillganglighet/", "/nyheter/", "/nyheter/starta-en-lokal-grupp/",
        "/partner/", "/partner/digidem-lab/", "/search/", "/search/?q=civic", "/finns-inte/",
    ],
    "en": [
        "/en/", "/en/about/", "/en/accessibility/", "/en/news/",
        "/en/news/start-a-local-group/", "/en/partners/", "/en/partners/digidem-lab/",
        "/en/search/", "/en/search/?q=civic", "/en/does-not-exist/",
    ],
}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_axe_finds_no_violations_on_any_hub_page_type(page, demo, axe, language):
    for path in PAGES[language]:
        page.goto(demo + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        axe(page, f"({path})")


def test_keyboard_focus_is_visible(page, demo):
    page.goto(demo + "/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand link
    focused = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {outline: style.outlineStyle, width: parseFloat(style.outlineWidth),
                    background: style.backgroundColor};
        }"""
    )
    assert focused["outline"] != "none" and focused["width"] >= 2, focused
