"""What an import did, file by file."""

from collections import Counter
from dataclasses import dataclass

from django.utils import translation

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"
SKIPPED = "skipped"
WARNING = "warning"
CORRECTION = "corrected time"

#: Order of the sections in the printed report.
SECTIONS = (CREATED, UPDATED, UNCHANGED, SKIPPED, CORRECTION, WARNING)
HEADINGS = {
    CREATED: "Created",
    UPDATED: "Updated",
    UNCHANGED: "Unchanged",
    SKIPPED: "Skipped",
    CORRECTION: "Event times corrected (typed UTC offset wrong for the date)",
    WARNING: "Warnings",
}


@dataclass(frozen=True)
class Entry:
    category: str
    path: str
    message: str


class ImportReport:
    """Collects one line per outcome; `render()` prints it grouped by category."""

    def __init__(self):
        self.entries = []
        self._seen = set()

    def add(self, category, path, message=""):
        entry = Entry(category, path, message)
        if entry in self._seen:  # e.g. the same missing image as `image` and `thumbnail`
            return
        self._seen.add(entry)
        self.entries.append(entry)

    def created(self, path, page):
        self.add(CREATED, path, describe(page))

    def updated(self, path, page):
        self.add(UPDATED, path, describe(page))

    def unchanged(self, path, page=None):
        self.add(UNCHANGED, path, describe(page) if page is not None else "")

    def skipped(self, path, reason):
        self.add(SKIPPED, path, reason)

    def warning(self, path, message):
        self.add(WARNING, path, message)

    def correction(self, path, message):
        self.add(CORRECTION, path, message)

    def of(self, category):
        return [entry for entry in self.entries if entry.category == category]

    def paths(self, category):
        return [entry.path for entry in self.of(category)]

    @property
    def counts(self):
        counts = Counter(entry.category for entry in self.entries)
        return {category: counts.get(category, 0) for category in SECTIONS}

    def summary(self):
        counts = self.counts
        return ", ".join(f"{counts[category]} {category}" for category in SECTIONS)

    def render(self, verbosity=1):
        """The report as text. Verbosity 0: the summary line; 1: every entry except the
        unchanged ones; 2: everything."""
        lines = []
        if verbosity >= 1:
            for category in SECTIONS:
                entries = self.of(category)
                if not entries or (category == UNCHANGED and verbosity < 2):
                    continue
                lines.append(f"{HEADINGS[category]} ({len(entries)}):")
                for entry in entries:
                    suffix = f": {entry.message}" if entry.message else ""
                    lines.append(f"  {entry.path}{suffix}")
                lines.append("")
        lines.append(f"Summary: {self.summary()}")
        return "\n".join(lines)

    def as_dict(self):
        return {
            "counts": self.counts,
            "entries": [
                {"category": e.category, "path": e.path, "message": e.message}
                for e in self.entries
            ],
        }


def describe(page):
    """“local group “Civic Tech Stockholm” (sv) /home/grupper/stockholm/” for a report line."""
    if page is None:
        return ""
    specific_class = getattr(page, "specific_class", None) or type(page)
    url = page.get_url() or page.url_path
    with translation.override(None):  # the report is in English, like its other words
        kind = str(specific_class._meta.verbose_name)
    return f"{kind} “{page.title}” ({page.locale.language_code}) {url}"
