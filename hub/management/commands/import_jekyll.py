"""`manage.py import_jekyll PATH`: import a Jekyll site (civictech.se, digidemlab.org).

See docs/migration.md for the switch-over procedure.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from hub.importer.run import ImportFailed, JekyllImport


class Command(BaseCommand):
    help = (
        "Import a Jekyll site in the civictech.se format (or a folder of Markdown and text "
        "files) into the hub. Repeatable: unchanged files are left alone, changed files update "
        "their pages, pages edited in the hub are kept unless --force. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The site's repository (or a folder of documents).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything, report it, then roll it all back: nothing is written.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite pages that were changed in the hub since the last import, and "
                 "re-create imported pages that were deleted there.",
        )
        parser.add_argument(
            "--source",
            default="",
            help="Name of the source site for the import records (default: the host in "
                 "_config.yml's url, else the folder's name). Keep it the same on every run.",
        )
        parser.add_argument(
            "--json",
            dest="json_path",
            metavar="FILE",
            help="Also write the report as JSON to FILE.",
        )

    def handle(self, *args, path, dry_run, force, source, json_path=None, **options):
        verbosity = options.get("verbosity", 1)
        job = JekyllImport(path, source=source, force=force, dry_run=dry_run)
        try:
            report = job.run()
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(report.render(verbosity))
        if json_path:
            with open(json_path, "w", encoding="utf-8") as handle:
                json.dump(report.as_dict(), handle, ensure_ascii=False, indent=2)
        duration = f" in {job.duration:.1f}s" if job.duration is not None else ""
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run{duration}: nothing was written."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Import finished{duration}."))
