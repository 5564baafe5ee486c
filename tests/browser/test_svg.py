"""SVG images never run script: uploaded through the admin or imported, the stored file is
sanitised, and Chromium opening the served file directly runs nothing from it."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model

from hub.importer.run import JekyllImport
from labs.models import LocalGroupPage
from tests.importer.jekyll import SVG_WITH_SCRIPT, quirks_tree

pytestmark = pytest.mark.django_db(transaction=True)

DANGEROUS = ("<script", "onload", "javascript:", "foreignObject", "tracker.example")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def media_server(settings, tmp_path):
    """MEDIA_ROOT served by a plain static file server, as the web server would serve it."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(root)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield root, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def stored_text(image):
    with image.file.open("rb") as handle:
        return handle.read().decode("utf-8")


def assert_no_script_ran(page, url):
    response = page.goto(url)
    assert response.status == 200
    assert "svg" in response.headers["content-type"]
    page.wait_for_timeout(300)
    assert "pwned" not in page.title()
    assert page.locator("text").first.text_content() == "Logo"  # the drawing is there


def test_a_raw_svg_with_script_does_run_it(page, media_server):
    """The control: unsanitised, the same file runs its script when opened directly."""
    root, base = media_server
    (root / "raw.svg").write_text(SVG_WITH_SCRIPT, encoding="utf-8")
    page.goto(base + "raw.svg")
    page.wait_for_timeout(300)
    assert "pwned" in page.title()


def test_svg_uploaded_through_the_admin_is_sanitised(page, media_server, admin_client):
    root, base = media_server
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Logo", "collection": "1", "tags": "",
         "file": SimpleUploadedFile("logo.svg", SVG_WITH_SCRIPT.encode(), "image/svg+xml")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    image = get_image_model().objects.get(title="Logo")
    text = stored_text(image)
    for needle in DANGEROUS:
        assert needle not in text
    assert image.file_size == len(text.encode()) and image.width == 120
    assert_no_script_ran(page, base + image.file.name)


@pytest.mark.parametrize("form_base", ["", "hub.images.ImageForm"])
def test_unreadable_svg_is_a_form_error(admin_client, media_server, settings, form_base):
    settings.WAGTAILIMAGES_IMAGE_FORM_BASE = form_base
    entity = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY e "x">]>'
              b'<svg xmlns="http://www.w3.org/2000/svg">&e;</svg>')
    for data in (entity, b"<svg><unclosed></svg>"):
        response = admin_client.post(
            reverse("wagtailimages:add"),
            {"title": "Bad", "collection": "1",
             "file": SimpleUploadedFile("bad.svg", data, "image/svg+xml")},
        )
        assert response.status_code == 200
        errors = " ".join(response.context["form"].errors["file"])
        # Wagtail's own check refuses both ("not a valid image"); hub.images.ImageForm
        # says why, naming SVG (in either language).
        assert errors and (not form_base or "SVG" in errors), errors
    assert not get_image_model().objects.filter(title="Bad").exists()


def test_imported_svg_is_sanitised_and_served_harmless(page, media_server, tmp_path):
    root, base = media_server
    JekyllImport(quirks_tree(tmp_path / "civictech.se")).run()
    group = LocalGroupPage.objects.get(slug="goteborg", locale__language_code="sv")
    logo = group.partners.get().partner.logo
    text = stored_text(logo)
    for needle in DANGEROUS:
        assert needle not in text
    assert Path(root, logo.file.name).is_file()
    assert_no_script_ran(page, base + logo.file.name)
