"""The event editor in real Chromium, in the Swedish admin: only the recurrence fields that apply
are shown (all of them without JavaScript), a known place fills venue, address and position,
and a click on the map of Sweden sets the map position that is then saved. axe checks the When
and Where tabs (the editor's own parts)."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from events.factories import CalendarPageFactory, EventPageFactory
from events.models import EventPage
from hub.geo import project
from hub.setup import ensure_home_pages
from tests.conftest import WCAG_TAGS

pytestmark = pytest.mark.django_db(transaction=True)

GOTEBORG = (57.70887, 11.97456)


@pytest.fixture
def calendar():
    home, _en = ensure_home_pages()
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "hemligt-1")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "sv"
    profile.save()
    return CalendarPageFactory(parent=home)


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("hemligt-1")
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")


def add_event(page, live_server, calendar):
    page.goto(f"{live_server.url}/admin/pages/add/events/eventpage/{calendar.pk}/")


def open_tab(page, name):
    """Click the editor's tab called `name` (Swedish); returns a selector for its panel."""
    tab = page.get_by_role("tab", name=name, exact=True)
    tab.click()
    return "#" + tab.get_attribute("aria-controls")


def check_axe(page, selector):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        context={"include": [[selector]]},
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
    )
    violations = results.response["violations"]
    assert not violations, "\n".join(
        f"{v['id']}: {v['help']}: {[n['html'][:160] for n in v['nodes'][:3]]}" for v in violations
    )


def shown(page):
    """Which recurrence fields are visible, by field name."""
    names = {
        "repeat_interval": "#id_repeat_interval",
        "repeat_weekdays": "#id_repeat_weekdays",
        "repeat_monthly_by": "#id_repeat_monthly_by",
        "repeat_until": "#id_repeat_until",
        "repeat_count": "#id_repeat_count",
        "exception_dates": "#id_exception_dates-TOTAL_FORMS >> xpath=..",
    }
    return {name for name, selector in names.items() if page.locator(selector).is_visible()}


def test_only_the_recurrence_fields_that_apply_are_shown(page, live_server, calendar):
    log_in(page, live_server)
    add_event(page, live_server, calendar)
    when = open_tab(page, "När")
    assert page.locator("#id_repeat_frequency option[value='']").inner_text() == "Upprepas inte"
    assert shown(page) == set()  # a one-off event: nothing about repetition

    frequency = page.locator("#id_repeat_frequency")
    frequency.select_option("WEEKLY")
    assert shown(page) == {
        "repeat_interval",
        "repeat_weekdays",
        "repeat_until",
        "repeat_count",
        "exception_dates",
    }
    frequency.select_option("MONTHLY")
    assert "repeat_monthly_by" in shown(page)
    assert "repeat_weekdays" not in shown(page)
    frequency.select_option("")
    assert shown(page) == set()
    check_axe(page, when)

    # A weekly series saves with the monthly select hidden (and not required).
    frequency.select_option("WEEKLY")
    page.locator("#id_repeat_count").fill("3")
    open_tab(page, "Vad")
    page.locator("#id_title").fill("Veckoträff")
    open_tab(page, "När")
    page.locator("#id_start_date").fill("2030-09-03")
    page.locator("#id_start_time").fill("18:00")
    page.keyboard.press("Escape")  # close the date picker
    # The summary follows what is typed, before anything is saved.
    summary = page.locator("[data-event-schedule-summary] .event-schedule-summary__text")
    expect(summary).to_contain_text("17 september 2030")
    assert not EventPage.objects.exists()
    with page.expect_navigation():
        page.locator("button.action-save").first.click()
    event = EventPage.objects.get(title="Veckoträff")
    assert event.rrule.startswith("FREQ=WEEKLY")
    assert event.repeat_monthly_by == "date"


def test_without_javascript_every_recurrence_field_is_shown(browser, live_server, calendar):
    context = browser.new_context(
        locale="sv-SE", timezone_id="Europe/Stockholm", java_script_enabled=False
    )
    page = context.new_page()
    try:
        log_in(page, live_server)
        add_event(page, live_server, calendar)
        # Without scripts Wagtail's tabs do not switch, so look at the markup: none of the
        # recurrence fields is hidden or disabled.
        wrappers = page.locator(".event-repeat-any, .event-repeat-weekly, .event-repeat-monthly")
        assert wrappers.count() == 5
        assert wrappers.evaluate_all("all => all.filter(e => e.hidden).length") == 0
        for selector in (
            "#id_repeat_interval",
            "#id_repeat_weekdays_0",
            "#id_repeat_monthly_by",
            "#id_repeat_until",
            "#id_repeat_count",
        ):
            assert page.locator(selector).is_enabled(), selector
    finally:
        context.close()


def test_a_known_place_and_a_click_on_the_map_fill_the_place(page, live_server, calendar):
    EventPageFactory(
        parent=calendar,
        venue_name="Stadsbiblioteket",
        address="Götaplatsen 3",
        latitude=Decimal("57.697000"),
        longitude=Decimal("11.979000"),
    )
    log_in(page, live_server)
    add_event(page, live_server, calendar)
    page.locator("#id_title").fill("Kartträff")
    open_tab(page, "När")
    page.locator("#id_start_date").fill("2030-09-03")
    page.locator("#id_start_time").fill("18:00")
    page.keyboard.press("Escape")
    where = open_tab(page, "Var")
    check_axe(page, where)

    page.locator("#id_venue_name").fill("")
    page.locator("#id_address").fill("")
    page.locator("#id_known_place").select_option(label="Stadsbiblioteket, Götaplatsen 3")
    assert page.locator("#id_venue_name").input_value() == "Stadsbiblioteket"
    assert page.locator("#id_address").input_value() == "Götaplatsen 3"
    assert page.locator("#id_latitude").input_value() == "57.697000"
    assert page.locator("#id_longitude").input_value() == "11.979000"

    svg = page.locator("[data-event-map-picker] svg")
    box = svg.bounding_box()
    width = float(svg.get_attribute("viewBox").split()[2])
    x, y = project(*GOTEBORG)
    scale = box["width"] / width
    svg.click(position={"x": x * scale, "y": y * scale})

    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    # One pixel of this small map is a few kilometres.
    assert abs(latitude - GOTEBORG[0]) < 0.1
    assert abs(longitude - GOTEBORG[1]) < 0.1
    assert page.locator("[data-event-map-marker]").get_attribute("hidden") is None

    with page.expect_navigation():
        page.locator("button.action-save").first.click()
    event = EventPage.objects.get(title="Kartträff")
    assert event.venue_name == "Stadsbiblioteket"
    assert float(event.latitude) == pytest.approx(latitude, abs=1e-6)
    assert float(event.longitude) == pytest.approx(longitude, abs=1e-6)
