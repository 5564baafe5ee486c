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


#: Kinds of warning, each with what it asks of a person (docs/migration.md explains them).
MISSING_FILE = "missing file"
EXTERNAL_IMAGE = "external image"
IMAGE_FORMAT = "image format"
IMAGE_UNREADABLE = "image unreadable"
ALT_TEXT = "no alt text"
SHORTENED = "text shortened"
HTML_REMOVED = "html removed"
FRAME_DROPPED = "frame dropped"
GROUP = "group"
CITY = "city"
FUNDING_CALL = "funding call"
TIME_OFFSET = "time offset"
LINK = "link"
ADDRESS = "address"
DATE = "date"
CONTACT = "contact"
IMAGES_LEFT_OUT = "images left out"
OTHER = "other"

WARNING_KINDS = {
    MISSING_FILE: "an image or linked file named in the text is not in the repository",
    EXTERNAL_IMAGE: "an image on another site was not copied",
    IMAGE_FORMAT: "an image in a format the hub does not accept",
    IMAGE_UNREADABLE: "an image file that cannot be read (or an SVG that cannot be made safe)",
    ALT_TEXT: "an image without alt text: write one in the hub",
    SHORTENED: "a text longer than its field, shortened",
    HTML_REMOVED: "raw HTML (scripts, styles, forms) removed from a body",
    FRAME_DROPPED: "an embedded frame that is not a video, dropped",
    GROUP: "a group reference that matches no group, or a group without that language",
    CITY: "a group's city that the importer does not know",
    FUNDING_CALL: "the funding call created for the platform's projects",
    TIME_OFFSET: "an event time with an offset that is not Stockholm's",
    LINK: "a link that is neither a page of the hub nor a web or mail address",
    ADDRESS: "a contact's mail that is no e-mail address",
    DATE: "a date missing, or front matter and file name disagree",
    CONTACT: "a contact without a name",
    IMAGES_LEFT_OUT: "images in a project's text that its page cannot show",
    OTHER: "anything else",
}


@dataclass(frozen=True)
class Entry:
    category: str
    path: str
    message: str
    kind: str = ""


class ImportReport:
    """Collects one line per outcome; `render()` prints it grouped by category."""

    def __init__(self):
        self.entries = []
        self._seen = set()

    def add(self, category, path, message="", kind=""):
        entry = Entry(category, path, message, kind)
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

    def warning(self, path, message, kind=OTHER):
        self.add(WARNING, path, message, kind if kind in WARNING_KINDS else OTHER)

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

    @property
    def warning_counts(self):
        """{kind: number of warnings}, most frequent first."""
        counts = Counter(entry.kind for entry in self.of(WARNING))
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

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
                    if entry.kind:
                        suffix = f" [{entry.kind}]{suffix}"
                    lines.append(f"  {entry.path}{suffix}")
                lines.append("")
        warning_counts = self.warning_counts
        if warning_counts:
            lines.append("Warnings by kind (what needs a person):")
            width = max(len(kind) for kind in warning_counts)
            for kind, number in warning_counts.items():
                lines.append(f"  {number:4d}  {kind:<{width}}  {WARNING_KINDS[kind]}")
            lines.append("")
        lines.append(f"Summary: {self.summary()}")
        return "\n".join(lines)

    def as_dict(self):
        return {
            "counts": self.counts,
            "warnings_by_kind": self.warning_counts,
            "entries": [
                {"category": e.category, "path": e.path, "message": e.message,
                 **({"kind": e.kind} if e.kind else {})}
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
