"""How long an import of a few hundred files with images takes (the figures are printed).

The bound is on the process's CPU time, which does not depend on what else the machine is
doing; the wall-clock time is printed next to it.
"""

import time

import pytest

from hub.importer.run import JekyllImport
from hub.models import Person

from .jekyll import generated_tree

pytestmark = pytest.mark.django_db


def timed(function):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def test_a_few_hundred_files_with_images_import_well_under_a_minute(tmp_path, capsys):
    tree = generated_tree(tmp_path / "big")
    files = len(list(tree.rglob("*.md")))
    images = len(list(tree.rglob("*.png")))
    report, wall, cpu = timed(JekyllImport(tree).run)
    again, wall_again, cpu_again = timed(JekyllImport(tree).run)
    with capsys.disabled():
        print(f"\nimport of {files} files with {images} images: {wall:.1f}s wall, {cpu:.1f}s CPU; "
              f"unchanged re-run: {wall_again:.1f}s wall, {cpu_again:.1f}s CPU")
    assert files >= 300
    assert report.counts["created"] >= files
    assert again.counts["unchanged"] == files and again.counts["created"] == 0
    assert Person.objects.count() == 10 + 30
    assert cpu < 45
    assert cpu_again < 5
