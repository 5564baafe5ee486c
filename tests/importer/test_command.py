"""`manage.py import_jekyll`."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from hub.importer.models import ImportRecord

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("import_jekyll", *args, stdout=out)
    return out.getvalue()


def test_dry_run_then_real_run_then_rerun(site_tree, tmp_path):
    output = run(str(site_tree), "--dry-run")
    assert "Dry run" in output and "nothing was written" in output
    assert "Created (" in output and "form/anmalan.md: form page" in output
    assert "Event times corrected" in output
    assert not ImportRecord.objects.exists()

    output = run(str(site_tree), "--json", str(tmp_path / "report.json"))
    assert "Import finished" in output
    assert "_events/2019-07-04-sommarhack.md: event-date 2019-07-04 17:30 +01:00" in output
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    created = [e for e in data["entries"] if e["category"] == "created"]
    assert data["counts"]["created"] == len(created) > ImportRecord.objects.count()
    assert {"category", "path", "message"} <= set(data["entries"][0])

    output = run(str(site_tree), "-v", "0")
    assert output.startswith("Summary: 0 created, 0 updated")


def test_unchanged_files_are_listed_at_verbosity_2(site_tree):
    run(str(site_tree))
    output = run(str(site_tree), "-v", "2")
    assert "Unchanged (" in output and "  pages/om.md: standard page" in output


def test_errors_are_command_errors(tmp_path):
    with pytest.raises(CommandError, match="is not a directory"):
        run(str(tmp_path / "missing"))
    (tmp_path / "a.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    with pytest.raises(CommandError, match="a.md"):
        run(str(tmp_path))
