"""Links in imported content: each becomes a hub page link, an absolute address, or a
report line.

The old sites linked their own pages by path (`/om/`, `/stockholm/`, `{{ site.baseurl }}/x`,
or their full address): such a link is looked up among the documents of the tree (by
permalink and by the paths Jekyll gives a file) and becomes a link to the page that
document became. A link whose page does not exist yet in this run is marked pending; the
importer applies that document again once every page exists (`Importer.link_pass`).
Everything else that is no http(s), mailto or tel address loses its link (the text
stays) and is reported.
"""

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlparse

from . import documents as kinds
from .addresses import email_address, looks_like_host, web_address

_LIQUID = re.compile(r"\{\{.*?\}\}")
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


@dataclass(frozen=True)
class Link:
    """What a link becomes: `url` (absolute), `page` (a hub page), or neither (dropped,
    with `problem` saying why, unless it is only pending)."""

    url: str = ""
    page: object = None
    pending: bool = False
    problem: str = ""


def url_key(path):
    """A site path reduced for comparison: '/om/' 'om.html' 'om' -> 'om'."""
    path = unquote(str(path or "")).strip().lower()
    path = path.split("#", 1)[0].split("?", 1)[0].strip("/")
    for suffix in ("/index.html", "/index.htm", ".html", ".htm", ".md", ".markdown"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    return path.strip("/")


def document_keys(doc):
    """The paths under which the old site served `doc`, as `url_key`s."""
    keys = set()
    permalink = doc.front.get("permalink")
    if permalink:
        keys.add(url_key(permalink))
    path = PurePosixPath(doc.path)
    parts = list(path.with_suffix("").parts)
    keys.add(url_key("/".join(parts)))
    if parts and parts[0].startswith("_"):
        # Collections (`_groups/stockholm.md` -> /groups/stockholm/, /stockholm/), posts
        # with their date (`/2020/05/01/x/`) or without it.
        stem = _DATE_PREFIX.sub("", parts[-1])
        keys.add(url_key(f"{parts[0][1:]}/{stem}"))
        keys.add(url_key(stem))
        match = _DATE_PREFIX.match(parts[-1])
        if match:
            year, month, day = match.group(0).strip("-").split("-")
            keys.add(url_key(f"{year}/{month}/{day}/{stem}"))
    elif parts and parts[0] == "pages":
        keys.add(url_key("/".join(parts[1:])))
    if path.stem == "index":
        keys.add(url_key("/".join(parts[:-1])))
    if path.stem != "index":
        keys.discard("")
    return keys


class LinkResolver:
    """Resolves the links of one run (see the module docstring)."""

    def __init__(self, ctx, site_hosts):
        self.ctx = ctx
        self.site_hosts = site_hosts
        self.by_key = {}
        for doc in ctx.tree.documents:
            if doc.kind not in kinds.PAGE_KINDS:
                continue
            for key in document_keys(doc):
                self.by_key.setdefault((key, doc.lang), doc)
                self.by_key.setdefault((key, None), doc)
        self.pending = set()  # paths of documents with links to pages not made yet
        self.final_pass = False

    def internal_path(self, href):
        """The old site's path `href` points at, or None when it points elsewhere."""
        parsed = urlparse(href)
        if parsed.scheme in ("http", "https"):
            if parsed.hostname and parsed.hostname.lower() in self.site_hosts:
                return parsed.path or "/"
            return None
        if parsed.scheme or parsed.netloc:
            return None
        return parsed.path

    def resolve(self, href, doc):
        """The Link for `href` in document `doc`."""
        href = _LIQUID.sub("", str(href or "")).strip()
        if not href:
            return Link(problem="empty link")
        lowered = href.lower()
        if lowered.startswith("mailto:"):
            address = email_address(href)
            return Link(url=f"mailto:{address}") if address else Link(
                problem=f"link {href!r} removed: not an e-mail address")
        if lowered.startswith("tel:"):
            return Link(url=href)
        address = "" if "/" in href else email_address(href)
        if address:
            return Link(url=f"mailto:{address}")
        path = self.internal_path(href)
        if path is None or (not href.startswith(("/", ".", "#"))
                            and looks_like_host(re.split(r"[/?#]", href, maxsplit=1)[0])):
            url = web_address(href)
            return Link(url=url) if url else Link(
                problem=f"link {href!r} removed: not a web address")
        return self.page_link(href, path, doc)

    def page_link(self, href, path, doc):
        if not PurePosixPath(path).is_absolute() and not path.startswith("/"):
            # Relative to the document's own address on the old site.
            base = PurePosixPath(doc.front.get("permalink") or "/" + doc.path).parent
            path = str(base / path)
        key = url_key(re.sub(r"/\.\.?(?=/|$)", "", path))
        target = self.by_key.get((key, doc.lang)) or self.by_key.get((key, None))
        if target is None:
            return Link(problem=f"link {href!r} removed: the old site's page at that address "
                                "was not imported (link it to a hub page by hand)")
        page = self.page_for(target, doc.lang)
        if page is not None:
            return Link(page=page)
        if not self.final_pass:
            self.pending.add(doc.path)
            return Link(pending=True)
        return Link(problem=f"link {href!r} removed: {target.path} did not become a page")

    def page_for(self, target, lang):
        """The page `target` became (in `lang` when it has a translation), or None."""
        page = self.ctx.page_for_path(target.path)
        if page is None:
            return None
        if page.locale.language_code != lang:
            translation = page.get_translation_or_none(self.ctx.structure.locales[lang])
            if translation is not None:
                return translation.specific
        return page
