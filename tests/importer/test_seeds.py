"""The sample documents in ../shared/seeds: loose Markdown, plain text and digidemlab posts."""

from pathlib import Path

import pytest
from wagtail.models import Revision

from hub.importer.run import JekyllImport
from hub.models import NewsPage, StandardPage

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is not present"),
]


def text_of(page):
    return " ".join(str(block.value.source) if hasattr(block.value, "source") else str(block.value)
                    for block in page.body)


def test_seeds_import():
    report = JekyllImport(SEEDS).run()
    assert report.counts["created"] == len(list(SEEDS.iterdir()))
    # A digidemlab.org post: a news item tagged with its theme.
    news = NewsPage.objects.get(title="Erbjudande om partnerskap för klimatneutralitet")
    assert [tag.name for tag in news.tags.all()] == ["Medborgarjury"]
    assert news.introduction.startswith("Erbjudande från Digidem Lab")
    assert [b.block_type for b in news.body][-1] == "link_list"
    assert any("medborgarjury-1.jpg" in e.message for e in report.of("warning"))
    # Plain Markdown: titled by its first heading, which leaves the body.
    markdown = StandardPage.objects.get(title="KOMMUNALA PARTNERSKAP FÖR KLIMATET")
    assert markdown.body[0].block_type == "heading"
    assert "partnership@icld.se" in text_of(markdown)
    # Front matter without digidemlab fields: a standard page with its description.
    platform = StandardPage.objects.get(title="Civic Tech Platform")
    assert platform.introduction.startswith("Civic Tech Platform stöder")
    # Plain text: titled by the first line; "Image" placeholders are gone.
    text = StandardPage.objects.get(title="Grön omställing")
    assert "Image" not in text_of(text) and "Principer" in text_of(text)
    StandardPage.objects.get(
        title="Miljonsatsning på stärkt demokratisamarbete för svenska kommuner och regioner"
    )
    # And again: nothing changes.
    revisions = Revision.objects.count()
    again = JekyllImport(SEEDS).run()
    assert again.counts["unchanged"] == report.counts["created"]
    assert Revision.objects.count() == revisions
