"""The suggestion form's error state in real Chromium, by keyboard, in Swedish and English:
focus on the error summary after every failed submit (never on a field an earlier error
link named), error links that reach their field, time and date inputs styled like the
text inputs, and axe with zero violations on the error state. Without JavaScript the
summary is still what the page opens on."""

import datetime as dt

import pytest
from django.utils import translation

from events.factories import CalendarPageFactory
from events.localtime import local_today
from events.models import EventPage
from hub.factories import translate
from hub.setup import ensure_home_pages

# Live-server tests commit their data; tests/conftest.py recreates the page tree's skeleton
# (roots, locales, home pages) after each flush.
pytestmark = pytest.mark.django_db(transaction=True)

URLS = {"sv": "/foresla-evenemang/", "en": "/en/suggest-event/"}

#: The form's controls in the order a keyboard reaches them (the honeypot never).
TAB_ORDER = [
    "id_title",
    "id_description",
    "id_organiser",
    "id_start_date",
    "id_start_time",
    "id_end_date",
    "id_end_time",
    "id_date_description",
    "id_venue_name",
    "id_online_url",
    "id_submitter_name",
    "id_submitter_email",
]


@pytest.fixture
def suggest_site():
    home, _home_en = ensure_home_pages()
    calendar = CalendarPageFactory(parent=home)
    translate(calendar, title="Calendar", slug="calendar")


def active_id(page):
    return page.evaluate("document.activeElement.id")


def error_title_prefix(language):
    with translation.override(language):
        return translation.gettext("Error: %(title)s") % {"title": ""}


def tab_until(page, element_id, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if active_id(page) == element_id:
            return
    pytest.fail(f"Tab never reached #{element_id}")


def submit_with_enter(page, field_id):
    """Press Enter in a text field (the browser's implicit submission) and wait for the answer."""
    with page.expect_navigation():
        page.locator(f"#{field_id}").press("Enter")


def assert_failed_submit_focuses_the_summary(page, language):
    assert active_id(page) == "error-summary"
    assert "#" not in page.url
    assert page.title().startswith(error_title_prefix(language))
    assert page.evaluate("window.scrollY") == 0  # the summary is at the top, in view
    items = page.locator("#error-summary li").all_inner_texts()
    assert items and len(items) == len(set(items))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_errors_by_keyboard_focus_the_summary_every_time(
    live_server, page, axe, suggest_site, language
):
    page.goto(live_server.url + URLS[language])

    # Tab from the top of the page into the form and through it, in the order it reads.
    tab_until(page, "id_title")
    reached = ["id_title"]
    for _ in range(40):  # a date or time input takes a Tab per part (day, month, year)
        page.keyboard.press("Tab")
        current = page.evaluate("document.activeElement.id || document.activeElement.type")
        if current != reached[-1]:
            reached.append(current)
        if current == "submit":
            break
    assert reached == [*TAB_ORDER, "submit"]

    # Two mistakes: an address that is not a link, and an email without a domain.
    day = (local_today() + dt.timedelta(days=12)).isoformat()
    page.locator("#id_title").focus()
    page.keyboard.type("Hackkväll om öppna data")
    page.keyboard.press("Tab")
    page.keyboard.type("Vi bygger verktyg på öppna data.")
    page.locator("#id_start_date").fill(day)
    page.locator("#id_start_time").fill("18:30")
    page.locator("#id_online_url").fill("inte en länk")
    page.locator("#id_submitter_name").fill("Sara Förslag")
    page.locator("#id_submitter_email").fill("sara@")
    submit_with_enter(page, "id_title")

    assert_failed_submit_focuses_the_summary(page, language)
    links = page.locator("#error-summary a")
    assert links.evaluate_all("els => els.map(e => e.getAttribute('href'))") == [
        "#id_online_url",
        "#id_submitter_email",
    ]
    assert page.locator("#id_title").input_value() == "Hackkväll om öppna data"
    axe(page, f"the suggestion form with errors ({language})")

    # The first error link, by keyboard, reaches its field, label in view.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#id_online_url"
    page.keyboard.press("Enter")
    assert active_id(page) == "id_online_url"
    label = page.locator("label[for=id_online_url]")
    assert label.evaluate("el => el.getBoundingClientRect().top") >= 0

    # Fixed; the email is still wrong. Focus goes to the summary again, not the link's field.
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("https://meet.example.org/hack")
    submit_with_enter(page, "id_online_url")
    assert_failed_submit_focuses_the_summary(page, language)
    assert links.count() == 1
    axe(page, f"the form with one error left ({language})")

    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert active_id(page) == "id_submitter_email"
    page.keyboard.press("End")
    page.keyboard.type("example.org")
    submit_with_enter(page, "id_submitter_email")
    assert page.url.rstrip("/").endswith({"sv": "tack", "en": "thanks"}[language])
    event = EventPage.objects.get()
    assert (event.title, event.online_url) == (
        "Hackkväll om öppna data",
        "https://meet.example.org/hack",
    )


def test_without_javascript_the_page_opens_on_the_summary(browser, live_server, suggest_site):
    """No script moves the focus: the form posts to its path without the fragment an error
    link left, so the browser does not jump down to that field; the summary is at the top
    and the title says there are errors."""
    context = browser.new_context(
        java_script_enabled=False, locale="sv-SE", timezone_id="Europe/Stockholm"
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + URLS["sv"])
        page.locator("#id_online_url").fill("inte en länk")
        with page.expect_navigation():
            page.locator("button[type=submit]").click()
        assert page.title().startswith(error_title_prefix("sv"))
        summary = page.locator("#error-summary")
        summary.locator("a[href='#id_online_url']").click()
        assert page.url.endswith("#id_online_url")
        assert page.evaluate("window.scrollY") > 0

        with page.expect_navigation():
            page.locator("button[type=submit]").click()
        assert "#" not in page.url
        assert page.evaluate("window.scrollY") == 0
        assert summary.evaluate("el => el.getBoundingClientRect().bottom") <= (
            page.viewport_size["height"]
        )
    finally:
        context.close()


STYLES = [
    "borderTopWidth",
    "borderTopStyle",
    "borderTopColor",
    "borderLeftWidth",
    "borderRadius",
    "paddingTop",
    "paddingLeft",
    "fontFamily",
    "fontSize",
    "fontWeight",
    "color",
    "backgroundColor",
]


def test_time_and_date_inputs_look_like_the_text_inputs(live_server, page, suggest_site):
    page.goto(live_server.url + URLS["sv"])

    def computed(selector):
        return page.locator(selector).evaluate(
            "(el, names) => { const s = getComputedStyle(el);"
            " return Object.fromEntries(names.map(n => [n, s[n]])); }",
            STYLES,
        )

    text = computed("#id_title")
    assert text["borderTopWidth"] == "2px"  # the site's own input style, not the browser's
    for selector in (
        "#id_start_time",
        "#id_end_time",
        "#id_start_date",
        "#id_end_date",
        "#id_online_url",
        "#id_submitter_email",
        "#id_organiser",
        "#id_description",
    ):
        assert computed(selector) == text, selector
