"""Fixtures shared by the whole suite.

`home` / `home_en` give the Swedish and English home pages on a fresh database.
Browser tests (marked `browser`) use the system Chromium through Playwright.
"""

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def home(db):
    from hub.setup import ensure_home_pages

    sv, _en = ensure_home_pages()
    return sv


@pytest.fixture
def home_en(home):
    from wagtail.models import Locale

    return home.get_translation(Locale.objects.get(language_code="en")).specific


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# --- Real browser -----------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _browser_site(request):
    """Give every test marked `browser` a committed database with the site's skeleton.

    Live-server tests commit their data (`transactional_db`), and Django flushes the
    database after each, taking the page tree's root, the root collection and the locales
    (made by Wagtail's migrations) with it. `serialized_rollback` cannot put them back:
    once Playwright's event loop runs in the test thread, asgiref gives Django a fresh
    connection wrapper without the serialized copy. So they are recreated here, with both
    home pages and the default Site, before the test's own fixtures run.
    """
    if request.node.get_closest_marker("browser") is None:
        return
    request.getfixturevalue("transactional_db")
    from django.contrib.contenttypes.models import ContentType

    from hub.setup import ensure_home_pages

    # The flush recreated the content types under new ids: forget the cached ones.
    ContentType.objects.clear_cache()
    ensure_home_pages()



@pytest.fixture(scope="session")
def _playwright():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; browser tests are required here.")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def axe():
    """Return a function that runs axe (WCAG 2.1 A/AA) on a page; any violation fails."""
    from axe_playwright_python.sync_playwright import Axe

    runner = Axe()

    def check(page, context=""):
        results = runner.run(
            page,
            options={"runOnly": {"type": "tag", "values": WCAG_TAGS}},
        )
        violations = results.response["violations"]
        if violations:
            report = "\n".join(
                f"- {v['id']} ({v['impact']}): {v['help']}\n    "
                + "\n    ".join(n["html"][:200] for n in v["nodes"][:5])
                for v in violations
            )
            pytest.fail(
                f"axe found {len(violations)} violation(s) on {page.url} {context}:\n{report}"
            )
        return results

    return check
