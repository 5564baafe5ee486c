"""Markdown and plain text into Wagtail content, sanitised to what Wagtail's rich text keeps."""

import re

import pytest
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.images import get_image_model

from hub.blocks import RICH_TEXT_FEATURES, BodyStreamBlock
from hub.importer.content import ContentConverter, strip_liquid, video_url
from hub.importer.media import MediaImporter
from hub.importer.report import ImportReport

from .jekyll import EVENT_BODY_WITH_HTML, png, write, write_bytes


def types(content):
    return [block["type"] for block in content.blocks]


def all_html(content):
    return "".join(b["value"] for b in content.blocks if b["type"] == "paragraph")


@pytest.fixture
def converter():
    return ContentConverter()


def test_headings_lists_links_and_emphasis(converter):
    content = converter.from_markdown(
        "# Titel\n\nEtt *stycke* med **fet** text och [en länk](https://example.org/?a=1&b=2)."
        "\n\n### Underrubrik\n\n- ett\n- två\n    - nästlad\n\n1. första\n2. andra\n\n"
        "> Ett citat\n"
    )
    assert content.title == "Titel"  # no title given: the first heading is the title
    assert types(content) == ["paragraph", "heading", "paragraph"]
    # The body's highest heading becomes h2 (the page title is the h1).
    assert content.blocks[1]["value"] == {"text": "Underrubrik", "level": "h2"}
    html = all_html(content)
    assert "<i>stycke</i>" in html and "<b>fet</b>" in html
    assert '<a href="https://example.org/?a=1&amp;b=2">en länk</a>' in html
    assert "<ul>" in html and "nästlad</li></ul>" in html
    assert "<ol>" in html and "<blockquote" in html


def test_output_is_exactly_what_wagtail_rich_text_stores(converter):
    content = converter.from_markdown(EVENT_BODY_WITH_HTML, title="Hackkväll")
    stored = ContentstateConverter(features=RICH_TEXT_FEATURES)
    for block in content.blocks:
        if block["type"] == "paragraph":
            # A round trip through Wagtail's editor format changes nothing but block keys.
            again = stored.to_database_format(stored.from_database_format(block["value"]))
            strip = re.compile(r' data-block-key="[^"]+"')
            assert strip.sub("", again) == strip.sub("", block["value"])
    # And the stream is valid for the body block.
    BodyStreamBlock().to_python(content.blocks)


def test_raw_html_is_sanitised(converter):
    content = converter.from_markdown(EVENT_BODY_WITH_HTML, title="Hackkväll")
    html = all_html(content)
    assert "script" not in html and "alert" not in html
    assert "onclick" not in html and "steal" not in html
    assert "Ta med <i>dator</i>." in html
    assert any("removed" in warning for _kind, warning in content.warnings)


def test_javascript_links_and_forms_do_not_survive(converter):
    content = converter.from_markdown(
        '<a href="javascript:alert(1)">klick</a> <form><input name="x"></form>'
        '<img src="x" onerror="alert(1)"><style>p{}</style>\n\nText'
    )
    html = all_html(content)
    assert "javascript" not in html and "<form" not in html and "onerror" not in html
    assert "klick" in html and "Text" in html


def test_footnotes_become_a_numbered_list(converter):
    content = converter.from_markdown("Ett påstående.[^1]\n\n[^1]: Källan.\n", lang="sv")
    assert "Ett påstående.[1]" in all_html(content)
    assert {"text": "Fotnoter", "level": "h2"} in [b["value"] for b in content.blocks]
    assert "<ol><li" in content.blocks[-1]["value"] and "Källan." in content.blocks[-1]["value"]
    assert "↩" not in all_html(content)


def test_hand_made_footnote_marks(converter):
    content = converter.from_markdown("rapport<sup>1</sup>\n\n<sup>1</sup> IPCC, 2021.")
    assert "rapport[1]" in all_html(content) and "[1] IPCC" in all_html(content)


def test_title_heading_repeating_the_title_is_dropped(converter):
    content = converter.from_markdown("# Om oss\n\nText", title="Om oss")
    assert types(content) == ["paragraph"]
    content = converter.from_markdown("# Något annat\n\nText", title="Om oss")
    assert content.blocks[0]["type"] == "heading"


def test_heading_levels_never_skip_from_the_title(converter):
    content = converter.from_markdown("### A\n\ntext\n\n#### B\n\ntext\n\n###### C", title="T")
    levels = [b["value"]["level"] for b in content.blocks if b["type"] == "heading"]
    assert levels == ["h2", "h3", "h4"]


def test_video_iframes_become_embeds_other_frames_are_dropped(converter):
    content = converter.from_markdown(
        'Före\n\n<iframe src="https://www.youtube.com/embed/abc123"></iframe>\n\n'
        '<iframe src="https://maps.google.com/x"></iframe>\n\nEfter', title="T"
    )
    assert types(content) == ["paragraph", "embed", "paragraph"]
    assert content.blocks[1]["value"]["embed"] == "https://www.youtube.com/watch?v=abc123"
    assert any("maps.google.com" in warning for _kind, warning in content.warnings)
    assert video_url("https://player.vimeo.com/video/42") == "https://vimeo.com/42"


def test_liquid_is_removed():
    assert strip_liquid("![x]({{ site.baseurl }}/uploads/a.png) {% include x.html %}") == (
        "![x](/uploads/a.png) "
    )


def test_plain_text_paragraphs_title_and_image_placeholders(converter):
    content = converter.from_plain_text(
        "Grön omställing \n-samskapande visar vägen\n\n \n\nFörsta stycket.\n\nImage\n \n"
        "Image\n\nAndra stycket\nmed radbrytning.\n"
    )
    assert content.title == "Grön omställing"
    html = all_html(content)
    assert "Image" not in html
    assert html.count("<p") == 3
    assert "Andra stycket<br/>med radbrytning." in html
    assert "&lt;" not in converter.from_plain_text("Titel\n\n<b>x</b>").title


@pytest.mark.django_db
def test_images_become_image_blocks_and_missing_ones_warn(tmp_path):
    write_bytes(tmp_path, "_uploads/bild.png", png())
    write(tmp_path, "_config.yml", "url: https://civictech.se\n")
    report = ImportReport()
    media = MediaImporter(tmp_path, report, site_url="https://civictech.se")
    converter = ContentConverter(resolve_image=media.image)
    content = converter.from_markdown(
        "Text\n\n![En bild](/uploads/bild.png)\n\n![](https://civictech.se/uploads/bild.png)"
        "\n\nMer ![borta](/uploads/borta.png) text", "post.md", title="T",
    )
    images = [b for b in content.blocks if b["type"] == "image"]
    assert len(images) == 2
    image = get_image_model().objects.get()  # the same file twice is one image
    assert images[0]["value"]["image"] == {"image": image.pk, "decorative": False,
                                           "alt_text": "En bild"}
    # Without alt text the image's title stands in (and the editor can improve it).
    assert images[1]["value"]["image"]["alt_text"] == "Bild"
    assert [(e.path, e.message) for e in report.entries] == [
        ("post.md", "image /uploads/borta.png not found in the repository")
    ]
    assert "Mer" in all_html(content) and "text" in all_html(content)
    # The blocks load as the body's image block.
    value = BodyStreamBlock().to_python(content.blocks)
    assert value[1].value["image"].pk == image.pk


@pytest.mark.django_db
def test_links_to_uploaded_files_become_documents(tmp_path):
    write_bytes(tmp_path, "uploads/rapport.pdf", b"%PDF-1.4\n")
    report = ImportReport()
    media = MediaImporter(tmp_path, report)
    converter = ContentConverter(resolve_document=media.document)
    content = converter.from_markdown("Läs [rapporten](/uploads/rapport.pdf).", title="T")
    from wagtail.documents import get_document_model

    document = get_document_model().objects.get()
    assert f'<a linktype="document" id="{document.pk}">rapporten</a>' in all_html(content)
