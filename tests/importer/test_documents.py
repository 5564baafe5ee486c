"""Reading the tree: front matter, kinds, languages and translation pairs (no database)."""

import datetime as dt

import pytest

from hub.importer import documents as kinds
from hub.importer.documents import (
    SourceError,
    looks_like_markdown,
    normalise_key,
    read_tree,
    split_front_matter,
)

from .jekyll import civictech_tree, write


def by_path(tree):
    return {doc.path: doc for doc in tree.documents}


def test_split_front_matter_variants():
    assert split_front_matter("---\ntitle: A\n---\nBody\n") == ("title: A\n", "Body\n")
    assert split_front_matter("---\ntitle: A\n...\nBody") == ("title: A\n", "Body")
    # Seed 003 ends its front matter after a blank line.
    assert split_front_matter("---\nref: x\n\n---\nText") == ("ref: x\n\n", "Text")
    assert split_front_matter("No front matter\n---\n") == (None, "No front matter\n---\n")
    # An opening line without a closing one is text, not front matter.
    assert split_front_matter("---\nOnly a rule") == (None, "---\nOnly a rule")


def test_civictech_tree_kinds_and_skips(tmp_path):
    tree = read_tree(civictech_tree(tmp_path / "site"))
    docs = by_path(tree)
    assert tree.is_jekyll_site
    assert tree.site_url == "https://civictech.se"
    assert tree.errors == []
    assert docs["_groups/stockholm.md"].kind == kinds.GROUP
    assert docs["_events/2019-07-04-sommarhack.md"].kind == kinds.EVENT
    assert docs["_posts/2020-06-01-cykelkarta.md"].kind == kinds.PROJECT
    assert docs["pages/om.md"].kind == kinds.PAGE
    assert docs["en/about.md"].kind == kinds.PAGE
    assert docs["form/anmalan.md"].kind == kinds.FORM
    assert "form" in docs["form/anmalan.md"].skip_reason
    # In a Jekyll site a Markdown file without front matter is not a page.
    assert docs["README.md"].kind == kinds.UNPUBLISHED
    # Uploads and configuration are not documents.
    assert not any(path.startswith(("_uploads/", "_config")) for path in docs)


def test_languages_refs_and_pairs(tmp_path):
    tree = read_tree(civictech_tree(tmp_path / "site"))
    docs = by_path(tree)
    sv, en = docs["_groups/stockholm.md"], docs["_groups/stockholm-en.md"]
    assert (sv.lang, en.lang) == ("sv", "en")
    assert en.translation_of is sv and sv.translations == [en]
    # Pages pair across folders by ref: pages/om.md and en/about.md share `ref: om`.
    assert docs["en/about.md"].translation_of is docs["pages/om.md"]
    # Without `ref`, the file name (minus Jekyll's date prefix and -en) is the ref.
    assert docs["_events/2019-07-04-sommarhack.md"].ref == "sommarhack"
    assert docs["_posts/2020-05-01-valkompass-en.md"].translation_of is docs[
        "_posts/2020-05-01-valkompass.md"
    ]
    assert tree.originals(kinds.GROUP) == [
        docs["_groups/civic-tech-platform.md"], docs["_groups/goteborg.md"], sv,
    ]


def test_language_from_path_and_suffix(tmp_path):
    write(tmp_path, "_config.yml", "title: x\n")
    write(tmp_path, "_events/a-en.md", "---\ntitle: A\nevent-date: 2020-01-01\n---\n")
    write(tmp_path, "en/b.md", "---\ntitle: B\n---\n")
    write(tmp_path, "c.md", "---\ntitle: C\nlang: sv-SE\n---\n")
    docs = by_path(read_tree(tmp_path))
    assert docs["_events/a-en.md"].lang == "en"
    assert docs["en/b.md"].lang == "en"
    assert docs["c.md"].lang == "sv"


def test_yaml_values_are_typed(tmp_path):
    tree = read_tree(civictech_tree(tmp_path / "site"))
    docs = by_path(tree)
    # "+0200" is not a YAML timestamp: it stays a string; "+01:00" is parsed by YAML.
    assert docs["_events/2019-02-12-hack-stockholm.md"].front["event-date"] == (
        "2019-02-12 18:00:00 +0200"
    )
    typed = docs["_events/2019-07-04-sommarhack.md"].front["event-date"]
    assert isinstance(typed, dt.datetime) and typed.utcoffset() == dt.timedelta(hours=1)
    # The three forms of `group`.
    assert docs["_events/2019-02-12-hack-stockholm.md"].get("group") == "stockholm"
    assert docs["_events/2019-07-04-sommarhack.md"].get("group") == "_groups/goteborg.md"
    assert docs["_events/2019-09-10-natverksträff.md"].get("group") is None
    assert docs["_events/2020-01-15-konferens.md"].get("group") is None


def test_group_reference_forms_normalise_to_one_key():
    assert normalise_key("stockholm") == normalise_key("_groups/stockholm.md") == "stockholm"
    assert normalise_key("civic-tech-platform") == normalise_key("civictechplatform")


def test_loose_files_plain_markdown_and_text(tmp_path):
    write(tmp_path, "a.txt", "# Rubrik\n\nText med [länk](https://example.org).\n")
    write(tmp_path, "b.txt", "Rubrik\n\nBara text.\nImage\n")
    write(tmp_path, "c.txt", "---\ntitle: C\nfeatured: true\ncategories: _themes/x.md\n---\nX\n")
    docs = by_path(read_tree(tmp_path))
    assert docs["a.txt"].format == kinds.MARKDOWN and docs["a.txt"].kind == kinds.PAGE
    assert docs["b.txt"].format == kinds.TEXT and docs["b.txt"].kind == kinds.PAGE
    assert docs["c.txt"].kind == kinds.NEWS
    assert not docs["a.txt"].has_front_matter


def test_markdown_detection():
    assert looks_like_markdown("Intro\n\n## Heading\n")
    assert looks_like_markdown("See **this**.")
    assert not looks_like_markdown("Grön omställing\n-samskapande visar vägen\n\nImage\n")


def test_broken_front_matter_is_collected_not_raised(tmp_path):
    write(tmp_path, "_config.yml", "title: x\n")
    write(tmp_path, "_events/broken.md", "---\ntitle: [unclosed\n---\nBody\n")
    write(tmp_path, "_events/list.md", "---\n- a\n- b\n---\nBody\n")
    tree = read_tree(tmp_path)
    assert {error.path for error in tree.errors} == {"_events/broken.md", "_events/list.md"}
    assert all(isinstance(error, SourceError) for error in tree.errors)


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbf---\ntitle: BOM\n---\nx", "---\ntitle: Åsa\n---\nx"
                                 .encode("cp1252")])
def test_encodings(tmp_path, raw):
    (tmp_path / "a.md").write_bytes(raw)
    (doc,) = read_tree(tmp_path).documents
    assert doc.text("title") in {"BOM", "Åsa"}
