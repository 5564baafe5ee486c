"""How long an import of a few hundred files with images takes (the figure is printed)."""

import time

import pytest

from hub.importer.run import JekyllImport
from hub.models import Person

from .jekyll import generated_tree

pytestmark = pytest.mark.django_db


def test_a_few_hundred_files_with_images_import_well_under_a_minute(tmp_path, capsys):
    tree = generated_tree(tmp_path / "big")
    files = len(list(tree.rglob("*.md")))
    started = time.monotonic()
    report = JekyllImport(tree).run()
    first = time.monotonic() - started
    started = time.monotonic()
    again = JekyllImport(tree).run()
    second = time.monotonic() - started
    with capsys.disabled():
        print(f"\nimport of {files} files with {len(list(tree.rglob('*.png')))} images: "
              f"{first:.1f}s; unchanged re-run: {second:.1f}s")
    assert report.counts["created"] >= files
    assert again.counts["unchanged"] == files and again.counts["created"] == 0
    assert Person.objects.count() == 10 + 30
    assert first < 60
