"""Running an import: read the tree, then create or update pages, all or nothing.

    report = JekyllImport("/path/to/civictech.se").run()

Every imported page has an `ImportRecord` (source site + file, content hash, the
revision the import published). A second run compares hashes and leaves unchanged files
alone (no new revisions); a changed file updates its page with a new revision, unless an
editor has changed the page in the hub since (its latest revision is not the imported
one), which only `force=True` overrides.
"""

import hashlib
import json
import logging
import time
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from django.db import transaction

from . import documents as kinds
from .content import ContentConverter
from .documents import normalise_key, read_tree
from .indexing import deferred_indexing
from .links import LinkResolver
from .media import MediaImporter, humanise
from .models import ImportRecord
from .people import PeopleAndPartners
from .report import SHORTENED, ImportReport, describe
from .site import load_site_structure

#: Part of every content hash: bump it when the mapping changes, so that the next run
#: re-applies every page (editor-changed pages still need --force).
MAPPING_VERSION = "2"


#: Loggers that write a line per saved page or task; the import's report replaces them.
CHATTY_LOGGERS = ("wagtail", "django_tasks", "modelsearch")


@contextmanager
def quiet_logging():
    loggers = [logging.getLogger(name) for name in CHATTY_LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class ImportFailed(Exception):
    """The import stopped; nothing was written."""


class _DryRun(Exception):
    """Raised at the end of a dry run to roll everything back."""


class ImportContext:
    """What the mappers share during one run."""

    def __init__(self, tree, report, media, source, force):
        self.tree = tree
        self.report = report
        self.media = media
        self.source = source
        self.force = force
        self.site_url = tree.site_url
        self.structure = load_site_structure()
        self.documents = {doc.path: doc for doc in tree.documents}
        self.links = LinkResolver(self, media.site_hosts)
        self.converter = ContentConverter(
            resolve_image=lambda src, path: media.image(src, path),
            resolve_document=lambda href, path: media.document(href, path),
            resolve_link=lambda href, path: self.links.resolve(href, self.documents[path]),
        )
        self.record_pages = {}  # source path -> page of an earlier run's import record
        self.people = PeopleAndPartners(self)
        self.pages = {}  # source path -> page, for cross references
        self.imported_page_ids = set()  # pages that belong to an import record
        self._themes = None

    def page_for_path(self, path):
        """The page a source file became, in this run or an earlier one (or None)."""
        page = self.pages.get(path)
        if page is None:
            page = self.record_pages.get(path)
        return page

    def fit(self, text, max_length, path, what):
        """`text` shortened to `max_length` characters at a word boundary (reported)."""
        text = str(text or "").strip()
        if len(text) <= max_length:
            return text
        cut = text[: max_length - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
        self.report.warning(path, f"{what} shortened to {max_length} characters",
                            kind=SHORTENED)
        return cut + "…"

    def theme_title(self, reference):
        """The title of a digidemlab.org theme (`_themes/x.md`), for use as a tag."""
        stem = PurePosixPath(str(reference)).stem
        if self._themes is None:
            self._themes = {}
            for doc in self.tree.by_kind(kinds.THEME):
                title = doc.text("title") or humanise(doc.stem)
                self._themes.setdefault(normalise_key(doc.stem), title)
                self._themes.setdefault(normalise_key(doc.ref), title)
        return self._themes.get(normalise_key(stem)) or humanise(stem)


class JekyllImport:
    """One import of a Jekyll repository (or a folder of loose documents)."""

    def __init__(self, path, *, source="", force=False, dry_run=False):
        self.path = Path(path)
        self.source = source
        self.force = force
        self.dry_run = dry_run
        self.report = ImportReport()
        self.duration = None

    def run(self):
        """Import and return the report. Raises ImportFailed (with nothing written) when a
        file cannot be read or a page cannot be saved."""
        started = time.monotonic()
        if not self.path.is_dir():
            raise ImportFailed(f"{self.path} is not a directory")
        tree = read_tree(self.path)
        if tree.errors:
            raise ImportFailed(
                "Some files cannot be read; fix them and run again (nothing was imported):\n"
                + "\n".join(f"  {error}" for error in tree.errors)
            )
        source = self.source or source_name(tree)
        media = MediaImporter(tree.root, self.report, site_url=tree.site_url)
        try:
            with quiet_logging(), transaction.atomic():
                with deferred_indexing():
                    ctx = ImportContext(tree, self.report, media, source, self.force)
                    Importer(ctx).import_all()
                if self.dry_run:
                    raise _DryRun
        except _DryRun:
            media.discard_written()
        except ImportFailed as exc:
            media.discard_written()
            raise ImportFailed(f"{exc} (nothing was imported)") from exc
        except Exception as exc:
            media.discard_written()
            raise ImportFailed(f"{exc} (nothing was imported)") from exc
        self.duration = time.monotonic() - started
        return self.report


def source_name(tree):
    """The site an import comes from: the host in _config.yml's url, else the folder name."""
    if tree.site_url:
        host = urlparse(tree.site_url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return tree.root.name


class _LazyRecordPages:
    """Pages of earlier runs' import records, loaded only when a link asks for one."""

    def __init__(self, records):
        self.records = records

    def get(self, path):
        record = self.records.get(path)
        if record is None or record.page is None:
            return None
        return record.page.specific


class Importer:
    """Walks the documents in dependency order and syncs each with its page."""

    def __init__(self, ctx):
        from .mapping import mappers_for

        self.ctx = ctx
        self.mappers = mappers_for(ctx)
        self.records = {
            record.source_path: record
            for record in ImportRecord.objects.filter(source=ctx.source).select_related("page")
        }
        ctx.imported_page_ids.update(
            ImportRecord.objects.exclude(page_id=None).values_list("page_id", flat=True)
        )
        ctx.record_pages = _LazyRecordPages(self.records)

    def import_all(self):
        tree = self.ctx.tree
        for doc in tree.documents:
            if doc.kind in kinds.SKIPPED_KINDS:
                self.ctx.report.skipped(doc.path, doc.skip_reason)
        if tree.by_kind(kinds.EVENT) or tree.by_kind(kinds.GROUP):
            # Every event is listed in the calendar (and the groups' "suggest an event"
            # form lives there), also when all events belong to groups.
            self.ctx.structure.index("calendar", "sv")
        for kind in kinds.PAGE_KINDS:
            originals = tree.originals(kind)
            for doc in originals:
                self.sync(doc)
            for doc in originals:
                for translation in doc.translations:
                    self.sync(translation)
        self.link_pass()
        self.ctx.structure.arrange_menu()

    def link_pass(self):
        """Apply once more the documents that link to pages made after them in this run,
        now that every page exists (the content hash is the same, so re-runs skip them)."""
        links = self.ctx.links
        links.final_pass = True
        for path in sorted(links.pending):
            page = self.ctx.pages.get(path)
            record = self.records.get(path)
            if page is None or record is None or record.page_id != page.pk:
                continue
            doc = self.ctx.documents[path]
            mapper = self.mapper(doc)
            mapper.apply(page, doc)
            revision = page.save_revision()
            revision.publish()
            record.revision_id = revision.pk
            record.save(update_fields=["revision_id", "last_imported_at"])
        links.pending.clear()

    def mapper(self, doc):
        return self.mappers[doc.kind].for_document(doc)

    def content_hash(self, doc, mapper):
        digest = hashlib.sha256()
        digest.update(MAPPING_VERSION.encode())
        digest.update(mapper.fingerprint(doc).encode())
        digest.update(doc.raw)
        if doc.translation_of is not None:
            inherited = {key: doc.translation_of.front.get(key) for key in kinds.INHERITED_KEYS
                         if key not in doc.front}
            digest.update(json.dumps(inherited, sort_keys=True, default=str).encode())
        digest.update(self.ctx.media.fingerprint(mapper.references(doc), doc.path).encode())
        return digest.hexdigest()

    def sync(self, doc):
        """Create, update or leave alone the page for one document."""
        mapper = self.mapper(doc)
        if mapper is None:
            return None
        try:
            return self._sync(doc, mapper)
        except ImportFailed:
            raise
        except Exception as exc:
            raise ImportFailed(f"{doc.path}: {exc.__class__.__name__}: {exc}") from exc

    def _sync(self, doc, mapper):
        ctx = self.ctx
        content_hash = self.content_hash(doc, mapper)
        record = self.records.get(doc.path)
        problem = mapper.problem(doc)
        if problem:
            ctx.report.skipped(doc.path, problem)
            if record is not None and record.page is not None:
                ctx.pages[doc.path] = record.page.specific
            return None
        page = None
        if record is not None:
            # No page: deleted in the hub since it was imported.
            if record.page is None:
                if not ctx.force:
                    ctx.report.skipped(
                        doc.path, "its page was deleted in the hub; --force re-creates it"
                    )
                    return None
            else:
                page = record.page.specific
        if page is None and record is None:
            existing = mapper.existing(doc)
            if existing is not None:
                if not (ctx.force or mapper.may_take_over(existing)):
                    # Made in the hub before this file was ever imported: the hub's page
                    # stays, and stands in for the file (e.g. as its events' parent).
                    ctx.pages[doc.path] = existing
                    ctx.report.skipped(
                        doc.path, f"{describe(existing)} already exists in the hub; kept as it "
                                  "is (--force fills it from this file)",
                    )
                    return existing
                page = existing
                record = ImportRecord(source=ctx.source, source_path=doc.path,
                                      revision_id=existing.latest_revision_id)

        if page is not None:
            ctx.pages[doc.path] = page
            edited = page.latest_revision_id != record.revision_id
            if record.content_hash == content_hash and not (ctx.force and edited):
                ctx.report.unchanged(doc.path, page)
                return page
            if edited and not ctx.force:
                ctx.report.skipped(
                    doc.path,
                    "changed in the hub since the last import; not overwritten (use --force)",
                )
                return page
            mapper.place(page, doc)
            mapper.apply(page, doc)
            revision = page.save_revision()
            revision.publish()
            page.refresh_from_db(fields=["latest_revision"])
            ctx.report.updated(doc.path, page)
        else:
            page = mapper.create(doc)
            if page is None:
                return None
            page.refresh_from_db(fields=["latest_revision"])
            ctx.report.created(doc.path, page)
            if record is None:
                record = ImportRecord(source=ctx.source, source_path=doc.path)

        ctx.pages[doc.path] = page
        ctx.imported_page_ids.add(page.pk)
        record.page = page
        record.kind = doc.kind
        record.ref = doc.ref[:200]
        record.lang = doc.lang
        record.content_hash = content_hash
        record.revision_id = page.latest_revision_id
        record.save()
        self.records[doc.path] = record
        return page
