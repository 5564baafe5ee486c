"""Reading a Jekyll repository (or a folder of loose files) into source documents.

Nothing here touches the database: `read_tree()` turns files into `SourceDocument`s,
classifies them (group, event, project, page, news item, ...) and pairs Swedish
originals with their English translations. Problems that make a file unreadable are
collected as `SourceError`s so that all of them can be reported before anything is
written.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import yaml

from hub.text import strip_control_chars

# What a document becomes.
GROUP = "group"
EVENT = "event"
PROJECT = "project"
PAGE = "page"
NEWS = "news"
THEME = "theme"
FORM = "form"
HTML = "html"
UNPUBLISHED = "unpublished"
UNKNOWN_COLLECTION = "collection"

#: Kinds that become pages, in the order they are imported (parents before children,
#: events before the projects that link to them).
PAGE_KINDS = (GROUP, EVENT, PROJECT, PAGE, NEWS)
#: Kinds that are read but not imported as pages (each gets a line in the report).
SKIPPED_KINDS = (THEME, FORM, HTML, UNPUBLISHED, UNKNOWN_COLLECTION)

#: Front matter a translation inherits from its original when it does not repeat it.
INHERITED_KEYS = {
    "image", "thumbnail", "event-date", "place", "group", "links", "contact", "partners",
    "chat", "date", "events", "featured",
}

MARKDOWN = "markdown"
TEXT = "text"

LANGUAGES = ("sv", "en")

# Folders that never hold content: Jekyll's machinery, assets and dependencies.
IGNORED_DIRS = {
    "_site", "_layouts", "_includes", "_sass", "_data", "_plugins", "_drafts", "_uploads",
    "uploads", "assets", "node_modules", "vendor", "css", "js", "img", "images", "fonts",
}
COLLECTIONS = {"_events": EVENT, "_groups": GROUP, "_posts": PROJECT, "_themes": THEME}
FORM_DIRS = {"form", "forms"}
TEXT_SUFFIXES = {".md", ".markdown", ".txt"}
HTML_SUFFIXES = {".html", ".htm"}
# Front matter keys only digidemlab.org uses; any of them makes a post a news item.
DIGIDEMLAB_KEYS = {"featured", "thumbnail"}

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")
_LANG_SUFFIX = re.compile(r"[-_](en|sv)$")
_MARKDOWN_HINTS = re.compile(
    r"^\s{0,3}#{1,6}\s+\S|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|^\s{0,3}[-*+]\s+\S.*\n\s{0,3}[-*+]\s+\S",
    re.MULTILINE,
)


class SourceError(Exception):
    """A file that cannot be read as a document (encoding, broken front matter)."""

    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class SourceDocument:
    """One file of the old site, parsed but not yet mapped to a page."""

    path: str  # posix path relative to the repository root, e.g. "_events/2019-02-12-x.md"
    kind: str
    front: dict
    body: str
    format: str  # MARKDOWN or TEXT
    lang: str
    ref: str
    raw: bytes = field(repr=False)
    has_front_matter: bool = True
    skip_reason: str = ""
    translation_of: "SourceDocument | None" = field(default=None, repr=False)
    translations: list = field(default_factory=list, repr=False)

    @property
    def stem(self):
        return PurePosixPath(self.path).stem

    @property
    def raw_hash(self):
        return hashlib.sha256(self.raw).hexdigest()

    def get(self, key, default=None):
        """A front matter value; empty strings and empty lists count as missing.

        A translation that leaves out a key about the thing itself rather than its words
        (the date, the place, the image, the group) has the original's value.
        """
        value = self.front.get(key)
        if key not in self.front and self.translation_of is not None and key in INHERITED_KEYS:
            value = self.translation_of.front.get(key)
        if value in ("", [], {}, None):
            return default
        return value

    def text(self, key, default=""):
        """A front matter value as a stripped string."""
        value = self.get(key)
        if value is None:
            return default
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value if item not in (None, ""))
        return str(value).strip()


@dataclass
class SourceTree:
    root: Path
    documents: list
    errors: list  # [SourceError]
    is_jekyll_site: bool
    site_url: str = ""

    def by_kind(self, kind):
        return [doc for doc in self.documents if doc.kind == kind]

    def originals(self, kind):
        """Documents of `kind` that are not translations of another document."""
        return [doc for doc in self.by_kind(kind) if doc.translation_of is None]


def split_front_matter(text):
    """Return (front matter text or None, body) for a file's text."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None, text
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    return None, text


def clean_text(value):
    """Front matter and bodies without control characters. Vertical tabs and form feeds
    are the line breaks of word processors, so they become line breaks (a one-line field
    then turns them into a space) rather than vanishing between two words."""
    if isinstance(value, str):
        return strip_control_chars(value.replace("\v", "\n").replace("\f", "\n"))
    if isinstance(value, list):
        return [clean_text(item) for item in value]
    if isinstance(value, dict):
        return {key: clean_text(item) for key, item in value.items()}
    return value


def parse_front_matter(path, yaml_text):
    try:
        data = yaml.safe_load(yaml_text) if yaml_text.strip() else {}
    except yaml.YAMLError as exc:
        raise SourceError(path, f"front matter is not valid YAML ({exc})") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SourceError(path, "front matter is not a set of key: value pairs")
    return {str(key).strip().lower(): clean_text(value) for key, value in data.items()}


def decode(path, raw):
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Old Windows editors: cp1252 covers å, ä and ö.
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise SourceError(path, "not a UTF-8 or Windows-1252 text file") from exc


def looks_like_markdown(text):
    return bool(_MARKDOWN_HINTS.search(text))


def normalise_lang(value, path):
    if value:
        code = str(value).strip().lower()[:2]
        if code in LANGUAGES:
            return code
    path = PurePosixPath(path)
    if path.parts[0] == "en" or path.stem.endswith(("-en", "_en")):
        return "en"
    return "sv"


def derive_ref(front, path):
    ref = front.get("ref")
    if ref not in (None, "", []):
        return str(ref).strip()
    stem = PurePosixPath(path).stem
    stem = _DATE_PREFIX.sub("", stem)
    return _LANG_SUFFIX.sub("", stem)


def normalise_key(value):
    """A ref or file stem reduced to letters and digits, for forgiving comparisons."""
    value = str(value or "").strip().lower()
    value = PurePosixPath(value).stem if value.endswith((".md", ".markdown")) else value
    return re.sub(r"[^a-z0-9åäö]", "", value)


def classify(path, front):
    """The kind of a document with front matter, from its folder and its keys."""
    parts = PurePosixPath(path).parts
    top = parts[0] if len(parts) > 1 else ""
    if top in FORM_DIRS:
        return FORM
    collection = COLLECTIONS.get(top)
    if collection in (GROUP, EVENT, THEME):
        return collection
    categories = front.get("categories") or []
    if isinstance(categories, str):
        categories = [categories]
    points_at_themes = any("_themes/" in str(category) for category in categories)
    if DIGIDEMLAB_KEYS & set(front) or points_at_themes:
        return NEWS
    if collection == PROJECT:
        return PROJECT
    if top.startswith("_"):
        return UNKNOWN_COLLECTION
    return PAGE


def read_document(root, file_path, is_jekyll_site):
    """Parse one file into a SourceDocument (raises SourceError)."""
    rel = file_path.relative_to(root).as_posix()
    raw = file_path.read_bytes()
    text = decode(rel, raw).replace("\r\n", "\n").replace("\r", "\n")
    yaml_text, body = split_front_matter(text)
    body = clean_text(body)
    has_front = yaml_text is not None
    front = parse_front_matter(rel, yaml_text) if has_front else {}
    suffix = file_path.suffix.lower()

    skip_reason = ""
    if suffix in HTML_SUFFIXES:
        kind = HTML
        skip_reason = "HTML template page: its content is layout, rebuild it in the hub by hand"
    elif not has_front and is_jekyll_site:
        kind = UNPUBLISHED
        skip_reason = "no front matter: Jekyll does not publish this file"
    elif has_front:
        kind = classify(rel, front)
    else:
        kind = PAGE

    if kind == FORM:
        skip_reason = "form page: the hub has its own forms"
    elif kind == THEME:
        skip_reason = "theme: its title is used as a tag on the posts that name it"
    elif kind == UNKNOWN_COLLECTION:
        skip_reason = f"unknown collection {PurePosixPath(rel).parts[0]}"
    if front.get("published") is False and not skip_reason:
        kind = UNPUBLISHED
        skip_reason = "published: false"

    if has_front or suffix in {".md", ".markdown"} or looks_like_markdown(body):
        fmt = MARKDOWN
    else:
        fmt = TEXT

    return SourceDocument(
        path=rel,
        kind=kind,
        front=front,
        body=body,
        format=fmt,
        lang=normalise_lang(front.get("lang"), rel),
        ref=derive_ref(front, rel),
        raw=raw,
        has_front_matter=has_front,
        skip_reason=skip_reason,
    )


def iter_source_files(root, is_jekyll_site):
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        rel_parts = path.relative_to(root).parts
        if any(part.startswith(".") or part in IGNORED_DIRS for part in rel_parts[:-1]):
            continue
        if rel_parts[-1].startswith("."):
            continue
        suffix = path.suffix.lower()
        if is_jekyll_site:
            if suffix in {".md", ".markdown"} or suffix in HTML_SUFFIXES and _has_front(path):
                yield path
        elif suffix in TEXT_SUFFIXES:
            yield path


def _has_front(path):
    with path.open("rb") as handle:
        return handle.read(4).lstrip(b"\xef\xbb\xbf").startswith(b"---")


def site_url(root):
    config = root / "_config.yml"
    if not config.is_file():
        return ""
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError):
        return ""
    return str(data.get("url") or "").rstrip("/") if isinstance(data, dict) else ""


def read_tree(root):
    """Read every document under `root` and pair translations. Never raises SourceError:
    unreadable files are collected in `tree.errors`."""
    root = Path(root).resolve()
    is_jekyll_site = (root / "_config.yml").is_file() or any(
        (root / name).is_dir() for name in COLLECTIONS
    )
    documents, errors = [], []
    for path in iter_source_files(root, is_jekyll_site):
        try:
            documents.append(read_document(root, path, is_jekyll_site))
        except SourceError as exc:
            errors.append(exc)
    tree = SourceTree(
        root=root, documents=documents, errors=errors, is_jekyll_site=is_jekyll_site,
        site_url=site_url(root),
    )
    pair_translations(tree)
    return tree


def pair_translations(tree):
    """Link each English document to the Swedish one with the same kind and `ref`.

    English documents without a Swedish original stay originals of their own (they are
    imported into the English tree only).
    """
    swedish = {}
    for doc in tree.documents:
        if doc.kind in PAGE_KINDS and doc.lang == "sv":
            swedish.setdefault((doc.kind, normalise_key(doc.ref)), doc)
    for doc in tree.documents:
        if doc.kind not in PAGE_KINDS or doc.lang == "sv":
            continue
        original = swedish.get((doc.kind, normalise_key(doc.ref)))
        if original is not None and not any(t.lang == doc.lang for t in original.translations):
            doc.translation_of = original
            original.translations.append(doc)
