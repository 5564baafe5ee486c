"""hub.images: every SVG image is sanitised when saved, also when code saves it."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.images import get_image_model

from hub.images import UnsafeSvg, sanitise_svg

from .jekyll import SVG_WITH_SCRIPT

SVG = '<svg xmlns="http://www.w3.org/2000/svg">'
DANGEROUS = ("<script", "onload", "javascript:", "foreignObject", "tracker.example")


def test_sanitiser_removes_what_runs_and_keeps_the_drawing():
    clean = sanitise_svg(SVG_WITH_SCRIPT).decode()
    for needle in DANGEROUS:
        assert needle not in clean
    assert "<rect" in clean and "Logo" in clean and 'viewBox="0 0 120 40"' in clean
    assert sanitise_svg(clean) == clean.encode()  # idempotent: re-runs find it by hash


@pytest.mark.parametrize("attack", [
    SVG + '<a href=" java\tscript:alert(1)"><text>x</text></a></svg>',
    SVG + '<use href="https://evil.example/x.svg#a"/></svg>',
    SVG + '<image href="data:text/html;base64,PHNjcmlwdD4="/></svg>',
    SVG + '<style>@import url(https://evil.example/a.css);'
    ' rect { fill: url(https://evil.example/p) }</style></svg>',
    SVG + '<set attributeName="onmouseover" to="alert(1)"/></svg>',
    SVG + '<animate attributeName="href" to="javascript:alert(1)"/>'
    '</svg>',
])
def test_sanitiser_removes_indirect_script_and_outside_references(attack):
    clean = sanitise_svg(attack).decode().lower()
    for needle in ("script", "evil.example", "data:text", "alert"):
        assert needle not in clean


def test_raster_data_images_and_fragments_stay():
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,iVBO"/>'
           '<use href="#shape"/></svg>')
    clean = sanitise_svg(svg).decode()
    assert "data:image/png;base64,iVBO" in clean and 'href="#shape"' in clean


@pytest.mark.parametrize("data", [
    b'<!DOCTYPE svg [<!ENTITY lol "lol">]><svg xmlns="http://www.w3.org/2000/svg">&lol;</svg>',
    b'<!DOCTYPE svg SYSTEM "http://evil.example/x.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>',
    b"<html><body>not svg</body></html>",
    b"\x89PNG not xml at all",
])
def test_sanitiser_refuses_what_is_not_a_plain_svg_document(data):
    with pytest.raises(UnsafeSvg):
        sanitise_svg(data)


@pytest.mark.django_db
def test_an_svg_saved_by_code_is_sanitised(media_root):
    image = get_image_model()(title="By code", width=120, height=40)
    image.file = ContentFile(SVG_WITH_SCRIPT.encode(), name="code.svg")
    image.save()
    with image.file.open("rb") as handle:
        stored = handle.read()
    assert stored == sanitise_svg(SVG_WITH_SCRIPT)
    assert image.file_size == len(stored)
    image.refresh_from_db()
    assert image.file_hash and image.file_size == len(stored)


@pytest.mark.django_db
def test_a_broken_svg_saved_by_code_is_refused(media_root):
    image = get_image_model()(title="Broken", width=1, height=1)
    # Refused before anything is stored (by Wagtail reading its size, or by hub.images).
    with pytest.raises((ValidationError, SyntaxError)):
        image.file = ContentFile(b"<svg", name="broken.svg")
        image.save()
    assert not get_image_model().objects.filter(title="Broken").exists()
