""" "Build your own calendar" in real Chromium, by keyboard only: tick groups, a lab and a
topic, submit, and get the feed of exactly that scope; axe finds no WCAG 2.1 A/AA violation."""

import pytest

from events.factories import CalendarPageFactory, EventPageFactory
from hub.setup import ensure_home_pages
from labs.factories import (
    LabIndexPageFactory,
    LabPageFactory,
    LocalGroupIndexPageFactory,
    LocalGroupPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site():
    home, _home_en = ensure_home_pages()
    calendar = CalendarPageFactory(parent=home)
    groups = LocalGroupIndexPageFactory(parent=home)
    labs = LabIndexPageFactory(parent=home)
    goteborg = LocalGroupPageFactory(parent=groups, city="Göteborg", slug="goteborg")
    malmo = LocalGroupPageFactory(parent=groups, city="Malmö", slug="malmo")
    lab = LabPageFactory(parent=labs, title="Öppna data-labbet", slug="labbet")
    events = {
        "gbg-ai": EventPageFactory(parent=goteborg, title="Göteborg om AI", tags=["ai"]),
        "gbg-data": EventPageFactory(parent=goteborg, title="Göteborg om data", tags=["data"]),
        "mmo-ai": EventPageFactory(parent=malmo, title="Malmö om AI", tags=["ai"]),
        "lab-ai": EventPageFactory(parent=lab, title="Labbet om AI", tags=["ai"]),
        "national": EventPageFactory(parent=calendar, title="Nationellt om AI", tags=["ai"]),
    }
    return {"calendar": calendar, "goteborg": goteborg, "malmo": malmo, "lab": lab, **events}


def tab_to(page, element_id, limit=200):
    """Press Tab until the element with `element_id` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    pytest.fail(f"Tab never reached #{element_id}")


def test_build_a_calendar_by_keyboard(page, live_server, site, axe):
    calendar = site["calendar"]
    page.goto(live_server.url + calendar.url)
    axe(page, "calendar with the builder")
    goteborg, lab = site["goteborg"], site["lab"]

    tab_to(page, f"builder-organiser-{goteborg.pk}")
    page.keyboard.press("Space")
    tab_to(page, f"builder-organiser-{lab.pk}")
    page.keyboard.press("Space")
    tab_to(page, "builder-tag-ai")
    page.keyboard.press("Space")
    assert page.locator(f"#builder-organiser-{site['malmo'].pk}").is_checked() is False
    # On to the submit button, and Enter submits the form.
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")

    first, second = sorted([goteborg.pk, lab.pk])
    query = f"organiser={first}&organiser={second}&tag=ai"
    feed = calendar.get_full_url() + "calendar.ics?" + query
    box = page.locator("#calendar-subscribe")
    assert box.locator("input.subscribe__url").input_value() == feed
    assert box.locator("a[href^='webcal://']").get_attribute("href") == feed.replace(
        "http://", "webcal://"
    )
    alternate = page.locator("link[rel=alternate][type='text/calendar']")
    assert alternate.get_attribute("href") == feed
    assert alternate.get_attribute("title") == "Civic Tech Sweden – Göteborg, Öppna data-labbet: ai"
    titles = set(page.locator(".card__title a").all_inner_texts())
    assert titles == {"Göteborg om AI", "Labbet om AI"}
    # The boxes stay ticked, and the filter form keeps both organisers.
    assert page.locator(f"#builder-organiser-{goteborg.pk}").is_checked()
    assert page.locator("form.calendar__filters input[type=hidden][name=organiser]").count() == 2
    axe(page, "filtered calendar")
