"""Embeds in real Chromium, as another site shows them: a partner's page on a second origin
frames a group's embed, whose links open the hub in the top window; axe on the embed in
Swedish and English; no horizontal scroll in a 320px frame. Any CSP violation (a refused
frame included) fails the test (tests/browser/conftest.py)."""

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from events.factories import EventPageFactory
from events.localtime import local_today
from hub.factories import translate
from hub.setup import ensure_home_pages
from labs.factories import LocalGroupIndexPageFactory, LocalGroupPageFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def embedded():
    home, _home_en = ensure_home_pages()
    index = LocalGroupIndexPageFactory(parent=home)
    group = LocalGroupPageFactory(parent=index, slug="goteborg", city="Göteborg")
    today = local_today()
    EventPageFactory(
        parent=group,
        title="Öppen data-träff med ett mycket långt namn som måste radbrytas i smala ramar",
        start_date=today + dt.timedelta(days=3),
        repeat_frequency="WEEKLY",
        repeat_count=3,
        venue_name="Stadsbibliotekets stora konferensrum på plan tre",
    )
    cancelled = EventPageFactory(
        parent=group,
        title="Inställd workshop",
        start_date=today + dt.timedelta(days=5),
        status="cancelled",
        status_note="Talaren är sjuk.",
    )
    translate(index, title="Local groups", slug="groups")
    group_en = translate(group, title="Civic Tech Gothenburg", slug="gothenburg")
    translate(cancelled, title="Cancelled workshop", slug="cancelled")
    return {"sv": group, "en": group_en, "cancelled": cancelled}


@pytest.fixture
def partner_site():
    """Another origin (its own loopback port) whose page frames a URL: `serve(src, width)`."""
    pages = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the HTTP method's name)
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(src, width="100%"):
        pages["/"] = (
            '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Kommunen</title></head><body style=\"margin:0\"><h1>Kommunens evenemang</h1>"
            f'<iframe src="{src}" title="Evenemang" width="{width}" height="480" '
            'style="border:0;display:block"></iframe></body></html>'
        )
        return f"http://127.0.0.1:{server.server_port}/"

    yield serve
    server.shutdown()
    server.server_close()


def embed_frame(page, src):
    page.wait_for_function(
        "src => [...document.querySelectorAll('iframe')].some(f => f.src === src)", arg=src
    )
    frame = next(f for f in page.frames if f.url == src)
    frame.wait_for_load_state()
    return frame


def test_a_partner_site_frames_the_embed_and_links_open_the_hub_on_top(
    live_server, browser, embedded, partner_site
):
    group = embedded["sv"]
    src = live_server.url + group.url + "embed/"
    partner_url = partner_site(src)
    assert not partner_url.startswith(live_server.url)  # another origin
    context = browser.new_context(
        locale="sv-SE", timezone_id="Europe/Stockholm", viewport={"width": 320, "height": 800}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(partner_url)
        frame = embed_frame(page, src)
        heading = frame.get_by_role("heading", level=1)
        assert group.feed_title() in heading.inner_text()  # "Civic Tech Sweden – Göteborg"
        items = frame.locator("li.embed-item")
        assert items.count() == 4  # three weekly sessions and the cancelled workshop
        assert "Talaren är sjuk." in frame.locator("body").inner_text()
        # The frame is as wide as the phone: nothing in it scrolls sideways.
        sizes = frame.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert sizes[1] <= 320 and sizes[0] <= sizes[1], sizes

        link = frame.get_by_role("link", name="Inställd workshop")
        with page.expect_navigation():
            link.click()
        # The top window went to the hub; the partner's page is gone.
        assert page.url == live_server.url + embedded["cancelled"].url
        assert page.main_frame.url == page.url
        assert len(page.frames) == 1
    finally:
        context.close()


def test_a_hand_written_filtered_embed_is_redirected_to_its_canonical_address_in_the_frame(
    live_server, browser, embedded, partner_site
):
    """A partner types the query in another order, with an unreadable value and a tracking
    parameter: the frame follows the redirect to the canonical address, still framable."""
    group = embedded["sv"]
    base = live_server.url + group.url + "embed/"
    partner_url = partner_site(base + "?limit=9&kind=event,nonsense&utm_source=kommunen")
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(partner_url)  # waits for the frame's load too
        canonical = base + "?kind=event&limit=9"
        frame = next(f for f in page.frames if f.url == canonical)
        frame.wait_for_load_state()
        assert frame.locator("li.embed-item").count() == 4
        assert "Evenemang" in frame.get_by_role("heading", level=1).inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_axe_on_the_embed_and_no_sideways_scroll_at_320px(
    live_server, browser, axe, embedded, language
):
    context = browser.new_context(
        locale="sv-SE", timezone_id="Europe/Stockholm", viewport={"width": 320, "height": 700}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        response = page.goto(live_server.url + embedded[language].url + "embed/")
        assert response.status == 200
        assert page.locator("html").get_attribute("lang") == language
        axe(page, f"(embed, {language})")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, width
    finally:
        context.close()


def test_the_snippet_is_on_the_group_page_and_copies(live_server, page, axe, embedded):
    group = embedded["sv"]
    page.goto(live_server.url + group.url)
    snippet = page.locator("details.embed-snippet")
    snippet.locator("summary").click()
    code = snippet.locator("textarea")
    # The site's public address (BASE_URL), as in the subscribe box.
    assert f'<iframe src="{group.get_full_url()}embed/"' in code.input_value()
    assert 'title="' in code.input_value() and 'width="100%"' in code.input_value()
    button = snippet.get_by_role("button")
    assert button.is_visible()  # subscribe.js showed it
    button.click()
    status = snippet.locator(".subscribe__status")
    status.wait_for(state="visible")
    page.wait_for_function("el => el.textContent.trim() !== ''", arg=status.element_handle())
    axe(page, "(group page with the embed snippet open)")
