"""The site knows its own address: BASE_URL decides every absolute URL, from `migrate` on."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from wagtail.models import Site

from hub.setup import base_url_address, configure_default_site

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://civictech.example"
ABSOLUTE_URL = re.compile(r"""(?:https?|webcal)://[^\s"'<>)]+""")


@pytest.fixture
def public_base_url(settings):
    settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = settings.WAGTAILAPI_BASE_URL = PUBLIC
    return PUBLIC


def placeholder_site():
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()
    return site


def hosts_named(text):
    return {url.split("/")[2] for url in ABSOLUTE_URL.findall(text)}


@pytest.mark.parametrize(
    ("base_url", "address"),
    [
        ("https://civictech.se", ("civictech.se", 443)),
        ("http://127.0.0.1:8000/", ("127.0.0.1", 8000)),
        ("https://hub.example:8443", ("hub.example", 8443)),
    ],
)
def test_base_url_address(base_url, address):
    assert base_url_address(base_url) == address


def test_base_url_must_be_http(settings):
    with pytest.raises(ValueError, match="BASE_URL"):
        base_url_address("civictech.se")


def test_migrate_gives_the_placeholder_site_the_base_url(home, public_base_url):
    placeholder_site()
    call_command("migrate", verbosity=0)
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("civictech.example", 443)
    assert site.root_url == PUBLIC


def test_a_site_with_a_real_host_is_left_alone(home, public_base_url):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "www.civictech.se", 443
    site.save()
    call_command("migrate", verbosity=0)
    configure_default_site()
    site.refresh_from_db()
    assert (site.hostname, site.port) == ("www.civictech.se", 443)


def test_absolute_urls_name_the_configured_host(client, home, public_base_url):
    from events.factories import CalendarPageFactory, EventPageFactory

    placeholder_site()
    call_command("migrate", verbosity=0)
    calendar = CalendarPageFactory(parent=home)
    calendar.save_revision().publish()
    EventPageFactory(parent=calendar).save_revision().publish()
    headers = {"HTTP_HOST": "civictech.example", "secure": True}
    outputs = {
        "home": client.get("/", **headers),
        "calendar": client.get(calendar.url, **headers),
        "feed": client.get(f"{calendar.url}calendar.ics", **headers),
        "sitemap": client.get("/sitemap.xml", **headers),
        "api": client.get("/api/v2/pages/?fields=html_url", **headers),
    }
    for name, response in outputs.items():
        assert response.status_code == 200, name
        text = response.content.decode()
        assert "civictech.example" in hosts_named(text), name
        # Links to the site itself never name another host (outside links may, e.g. w3.org).
        assert not hosts_named(text) & {"localhost", "testserver", "127.0.0.1"}, name
    html = outputs["calendar"].content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}{calendar.url}"' in html
    assert f"webcal://civictech.example{calendar.url}calendar.ics" in html
    items = json.loads(outputs["api"].content)["items"]
    assert items and all(item["meta"]["html_url"].startswith(PUBLIC) for item in items)


def test_deploy_check_warns_about_placeholder_addresses(home, settings):
    settings.BASE_URL = "http://127.0.0.1:8000"
    placeholder_site()
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert {"hub.W001", "hub.W002"} <= ids


def test_deploy_check_is_quiet_when_configured(home, public_base_url):
    configure_default_site(placeholder_site())
    ids = {message.id for message in run_checks(include_deployment_checks=True)}
    assert not ids & {"hub.W001", "hub.W002"}


def test_a_freshly_migrated_database_knows_its_address(tmp_path):
    """`migrate` alone, in its own process on a new database file, configures the Site."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
        "SQLITE_PATH": str(tmp_path / "fresh.sqlite3"),
        "BASE_URL": PUBLIC,
    }
    for name in ("DATABASE_URL", "PGHOST", "PGDATABASE"):
        env.pop(name, None)  # this test is about a fresh embedded database

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True,
        ).stdout

    manage("migrate", "--noinput", "-v0")
    printed = manage(
        "shell", "-c",
        "from wagtail.models import Site; s = Site.objects.get(is_default_site=True); "
        "print(s.root_url)",
    )
    assert printed.strip().splitlines()[-1] == PUBLIC
