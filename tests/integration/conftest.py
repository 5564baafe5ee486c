"""One real stack for the integration tests: nginx → Varnish → gunicorn (2 workers) →
PostgreSQL + Redis, with the demo content (see tests/servers.py).

The tests are skipped, saying what is missing, when PostgreSQL (pg_virtualenv) or one of
the programs is not there; with REQUIRE_INTEGRATION=1 (as `.ci/run` sets) that is a failure.
"""

import os
import shutil
import tempfile

import pytest

from tests.integration.stack import Stack
from tests.servers import ServerError, missing_programs, postgres_available

PROGRAMS = ("redis-server", "varnishd", "nginx", "openssl", "pg_ctlcluster")


def requirements_missing():
    reasons = []
    if not postgres_available():
        reasons.append("PostgreSQL is not configured (run under pg_virtualenv; SQLite run)")
    missing = missing_programs(*PROGRAMS)
    if missing:
        reasons.append("not installed: " + ", ".join(missing))
    return "; ".join(reasons)


def skip_or_fail(reason):
    if os.environ.get("REQUIRE_INTEGRATION") == "1":
        pytest.fail(f"integration tests required (REQUIRE_INTEGRATION=1): {reason}")
    pytest.skip(f"integration services missing: {reason}")


@pytest.fixture(scope="session")
def stack():
    reason = requirements_missing()
    if reason:
        skip_or_fail(reason)
    workdir = tempfile.mkdtemp(prefix="hub-integration-")
    running = Stack(workdir, nginx=True)
    try:
        running.start()
    except ServerError as error:
        running.stop()
        pytest.fail(f"could not start the stack: {error}")
    yield running
    running.stop()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def event(stack):
    """An upcoming demo event of a local group, with its English translation: addresses of
    the page, its listing (the group), the group's feed, the site feed, in sv and en."""
    return stack.shell(PICK_EVENT)


PICK_EVENT = """
import json
from django.utils import timezone
from events.models import EventPage, CalendarPage
from wagtail.models import Locale

sv, en = Locale.objects.get(language_code="sv"), Locale.objects.get(language_code="en")
today = timezone.localdate()
found = None
upcoming = EventPage.objects.live().filter(locale=sv, start_date__gte=today)
for page in upcoming.order_by("start_date"):
    parent = page.get_parent().specific
    translation = page.get_translation_or_none(en)
    if getattr(parent, "organiser_kind", "") != "group" or not translation or not translation.live:
        continue
    found = (page, translation)
    break
page, translation = found

def urls(page):
    page = page.specific
    calendar = CalendarPage.objects.live().get(locale=page.locale)
    return {
        "id": page.pk,
        "title": page.title,
        "page": page.get_url(),
        "listing": page.get_parent().get_url(),
        "feed": page.get_parent().get_url() + "calendar.ics",
        "calendar": calendar.get_url(),
        "site_feed": calendar.get_url() + "calendar.ics",
        "home": page.get_site().root_page.get_translation(page.locale).get_url(),
    }

print(json.dumps({"sv": urls(page), "en": urls(translation)}))
"""


def retitle_code(ids, suffix, how):
    """Python for `manage.py shell`: give each page a new title, then `how` it:
    'draft' (a revision only), 'publish' or 'schedule' (go-live time in the past)."""
    return f"""
import datetime as dt, json
from django.utils import timezone
from wagtail.models import Page
for pk in {list(ids)!r}:
    page = Page.objects.get(pk=pk).specific
    page.title = page.title.split(" ~")[0] + " ~" + {suffix!r}
    if {how!r} == "schedule":
        page.go_live_at = timezone.now() - dt.timedelta(seconds=1)
        page.save_revision(approved_go_live_at=page.go_live_at)
    elif {how!r} == "publish":
        page.save_revision().publish()
    else:
        page.save_revision()
print(json.dumps({{"ok": True}}))
"""


def pytest_collection_modifyitems(items):
    # Last in the session: the resilience tests stop and restart the PostgreSQL cluster
    # that the rest of the suite's test database lives in.
    items.sort(key=lambda item: item.get_closest_marker("integration") is not None)


@pytest.fixture(scope="module", autouse=True)
def _fresh_django_connections():
    yield
    # This process's own connections (pytest-django's test database) may have been cut by
    # a PostgreSQL restart: close them so that the next use reconnects.
    from django.db import connections

    connections.close_all()
