"""From source documents to pages: the shared machinery and the hub's own page types.

A mapper knows, for one kind of document, which page type it becomes, where that page
lives (`parent`), and how the document's fields fill the page (`apply`). Creating
translations, slugs and publishing are shared here. The labs, events and projects
mappings live in their own modules.
"""

import datetime as dt
import html
from pathlib import PurePosixPath

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from wagtail.coreutils import find_available_slug

from hub.models import HomePage, NewsPage, StandardPage
from hub.text import strip_control_chars

from . import documents as kinds
from .content import referenced_paths
from .dates import date_from_filename, parse_date
from .media import humanise
from .report import DATE, LINK
from .site import slug_for

LINKS_HEADING = {"sv": "Länkar", "en": "Links"}
#: How far a front matter date may be from the file name's before it is reported.
DATE_TOLERANCE_DAYS = 3


def as_list(value):
    """Front matter that may be a value, a list or empty, as a list without empties."""
    if value in (None, "", [], {}):
        return []
    if isinstance(value, (list, tuple)):
        return [item for item in value if item not in (None, "", [], {})]
    return [value]


def permalink_slug(permalink):
    parts = [part for part in str(permalink or "").split("/") if part and part != "en"]
    return slug_for(PurePosixPath(parts[-1]).stem) if parts else ""


class PageMapper:
    """Base for all mappers: subclasses set `model`/`index_key` and implement `apply`."""

    model = None  # a page class or an "app.Model" label
    index_key = None  # key in site.INDEXES for pages that live directly under an index
    image_keys = ("image",)

    def __init__(self, ctx):
        self.ctx = ctx

    def for_document(self, doc):
        return self

    @property
    def page_class(self):
        if isinstance(self.model, str):
            return apps.get_model(self.model)
        return self.model

    # --- change detection ----------------------------------------------------------------

    def references(self, doc):
        """Files the page depends on besides the document itself (images, documents)."""
        refs = [doc.get(key) for key in self.image_keys]
        refs += referenced_paths(doc.body)
        refs += [entry.get("url") for entry in as_list(doc.get("links"))
                 if isinstance(entry, dict)]
        return [ref for ref in refs if isinstance(ref, str) and ref]

    def fingerprint(self, doc):
        """Anything besides the files that decides the result (e.g. the mapper used)."""
        return type(self).__name__

    # --- where pages live ----------------------------------------------------------------

    def parent(self, doc):
        return self.ctx.structure.index(self.index_key, doc.lang)

    def locale(self, lang):
        return self.ctx.structure.locales[lang]

    def problem(self, doc):
        """Why a document cannot become a page (it is then skipped), or ""."""
        return ""

    def existing(self, doc):
        """A page already in the hub that a never-imported document describes: same type,
        same parent, and the same slug or title. Translations are matched by
        `create_translation` instead."""
        if doc.translation_of is not None:
            return None
        title = doc.text("title")
        slug = permalink_slug(doc.get("permalink")) or (
            slug_for(doc.ref) if doc.has_front_matter and doc.get("ref") else ""
        ) or (slug_for(title) if title else "")
        match = Q(slug=slug) if slug else Q()
        if title:
            match |= Q(title__iexact=title)
        if not match:
            return None
        candidates = (
            self.page_class.objects.child_of(self.parent(doc))
            .filter(match)
            .exclude(pk__in=self.ctx.imported_page_ids)  # those belong to other files
        )
        page = self.narrow(candidates, doc).first()
        return page.specific if page is not None else None

    def narrow(self, candidates, doc):
        """Further conditions for an existing page to be the document's (see `existing`)."""
        return candidates

    def may_take_over(self, page):
        """Whether an existing page may be filled from its document without --force."""
        return False

    def slug(self, doc, page):
        return (
            permalink_slug(doc.get("permalink"))
            or slug_for(doc.ref if doc.has_front_matter and doc.get("ref") else page.title)
        )

    def create(self, doc):
        """Create and publish the page for a document that was never imported."""
        if doc.translation_of is not None:
            return self.create_translation(doc)
        parent = self.parent(doc)
        page = self.page_class(locale=self.locale(doc.lang))
        self.apply(page, doc)
        page.slug = find_available_slug(parent, self.slug(doc, page))
        parent.add_child(instance=page)  # validates the page (full_clean)
        page.save_revision(clean=False).publish()
        return page

    def create_translation(self, doc):
        ctx = self.ctx
        original = ctx.pages.get(doc.translation_of.path)
        if original is None:
            ctx.report.skipped(doc.path, f"its Swedish original {doc.translation_of.path} was "
                                         "not imported")
            return None
        locale = self.locale(doc.lang)
        page = original.get_translation_or_none(locale)
        if page is not None:
            page = page.specific
            if page.alias_of_id is None and not ctx.force:
                ctx.report.skipped(
                    doc.path, "a translation made in the hub already exists; not overwritten "
                              "(use --force)",
                )
                ctx.pages[doc.path] = page
                return None
            # An alias (a synchronised copy made for a child's sake) becomes a translation.
            page.alias_of = None
            self.apply(page, doc)
            page.save_revision().publish()
            return page
        # The same page in Wagtail's translation model: same translation key, the English
        # tree's version of the parent (an alias of the Swedish parent if it has none yet).
        original_parent = original.get_parent().specific
        parent = original_parent.get_translation_or_none(locale)
        if parent is None:
            parent = original_parent.copy_for_translation(locale, copy_parents=True, alias=True)
        page = self.page_class(locale=locale, translation_key=original.translation_key)
        self.apply(page, doc)
        page.slug = find_available_slug(
            parent, permalink_slug(doc.get("permalink")) or original.slug
        )
        parent.add_child(instance=page)
        page.save_revision(clean=False).publish()
        return page

    def place(self, page, doc):
        """Move an updated page if its document now names another parent."""
        if doc.translation_of is not None:
            original = self.ctx.pages.get(doc.translation_of.path)
            if original is None:
                return
            wanted = original.get_parent().get_translation_or_none(page.locale)
        else:
            wanted = self.parent(doc)
        if wanted is not None and page.get_parent().pk != wanted.pk:
            page.move(wanted, pos="last-child")
            page.refresh_from_db(fields=["path", "depth", "url_path"])

    # --- filling fields ------------------------------------------------------------------

    def apply(self, page, doc):
        raise NotImplementedError

    def content(self, doc, title=""):
        """The converted body (title derived from it when the document has none)."""
        ctx = self.ctx
        if doc.format == kinds.TEXT:
            content = ctx.converter.from_plain_text(doc.body, doc.path)
        else:
            content = ctx.converter.from_markdown(doc.body, doc.path, lang=doc.lang, title=title)
        for kind, warning in content.warnings:
            ctx.report.warning(doc.path, warning, kind=kind)
        return content

    def apply_title(self, page, doc):
        """Convert the document's body, set the page title from it; return the content."""
        content = self.content(doc, title=doc.text("title"))
        page.title = self.title(doc, content)
        return content

    def title(self, doc, content=None):
        title = doc.text("title")
        if not title and content is not None:
            title = content.title
        if not title:
            title = humanise(doc.stem)
        # One line: a title with a line break (or a vertical tab) reads as one.
        title = " ".join(strip_control_chars(title, multiline=False).split())
        if len(title) > 255:
            raise ValueError(f"title is {len(title)} characters long; the hub allows 255")
        return title

    def apply_listing(self, page, doc, summary_keys=("excerpt",), image_keys=None):
        summary = next((doc.text(key) for key in summary_keys if doc.text(key)), "")
        page.listing_summary = self.ctx.fit(summary, 300, doc.path, "excerpt")
        page.listing_image = None
        for key in image_keys or self.image_keys:
            if doc.get(key):
                page.listing_image = self.ctx.media.image(doc.text(key), doc.path)
                if page.listing_image is not None:
                    break

    def link_blocks(self, doc, entries=None):
        """Front matter `links` [{title, url}] (or `entries`) as body blocks: a link list,
        and a document block for each link to a file in the repository's uploads."""
        links, documents, mail_links = [], [], []
        for entry in as_list(doc.get("links")) if entries is None else entries:
            if isinstance(entry, str):
                entry = {"url": entry}
            if not isinstance(entry, dict):
                continue
            raw = entry.get("url") or entry.get("link")
            title = " ".join(str(entry.get("title") or "").split())[:200]
            document = self.ctx.media.document(raw, doc.path) if raw else None
            if document is not None:
                documents.append(
                    {"type": "document",
                     "value": {"document": document.pk, "title": title or document.title}}
                )
                continue
            if not raw:
                continue
            target = self.ctx.links.resolve(raw, doc)
            if target.page is not None:
                links.append({"title": title, "page": target.page.pk, "external_url": ""})
            elif target.url.startswith(("mailto:", "tel:")):
                # The link list's URL field takes web addresses only: mail links are text.
                label = html.escape(title or target.url.split(":", 1)[1], quote=False)
                mail_links.append(f'<p><a href="{html.escape(target.url)}">{label}</a></p>')
            elif target.url:
                links.append({"title": title, "page": None, "external_url": target.url})
            elif target.problem:
                self.ctx.report.warning(doc.path, target.problem, kind=LINK)
        blocks = []
        if links:
            blocks.append({
                "type": "link_list",
                "value": {"heading": LINKS_HEADING.get(doc.lang, LINKS_HEADING["sv"]),
                          "links": links},
            })
        if mail_links:
            blocks.append({"type": "paragraph",
                           "value": self.ctx.converter.normalise_rich("".join(mail_links))})
        return blocks + documents

    def url(self, value):
        from .people import valid_url

        return valid_url(value, self.ctx.site_url)

    def tags(self, doc, *keys):
        names = []
        for key in keys:
            for value in as_list(doc.get(key)):
                for name in str(value).split(",") if isinstance(value, str) else [value]:
                    name = self.tag_name(name)
                    if name and name.lower() not in {n.lower() for n in names}:
                        names.append(name)
        return names

    def tag_name(self, value):
        value = str(value or "").strip()
        if value.startswith("_themes/") or value.endswith(".md"):
            return self.ctx.theme_title(value)
        return value[:100]

    def document_date(self, doc, *keys):
        """The publication date: the file name's (Jekyll's own), and front matter's when the
        file name has none. The old sites sorted posts with fake front matter dates
        (`date: 2000-06-10` in `2021-06-10-x.md`); a disagreement of more than a few days
        is reported and the file name wins."""
        named = date_from_filename(doc.stem)
        for key in keys:
            value = parse_date(doc.get(key))
            if not value:
                continue
            if isinstance(value, dt.datetime):
                value = value.date()
            if named is None:
                return value
            if abs((value - named).days) > DATE_TOLERANCE_DAYS:
                self.ctx.report.warning(
                    doc.path, f"front matter {key} {value:%Y-%m-%d} is "
                    f"{abs((value - named).days)} days from the file name's {named:%Y-%m-%d}; "
                    "the file name's date is the publication date", kind=DATE,
                )
            return named
        return named


class StandardPageMapper(PageMapper):
    """Pages (about.md, en/about.md), plain Markdown and plain text files."""

    model = StandardPage
    #: Front matter keys with which Jekyll themes put a page in the navigation.
    MENU_KEYS = ("nav", "menu", "navigation", "nav_order", "in_menu", "show_in_menu")

    def parent(self, doc):
        return self.ctx.structure.homes[doc.lang]

    def in_menu(self, doc):
        """A page the old site had in its navigation: one that says so in front matter, or
        one with a top-level address of its own (`permalink: /om/`, `/en/about/`)."""
        for key in self.MENU_KEYS:
            if key in doc.front:
                return bool(doc.front[key])
        parts = [part for part in str(doc.get("permalink") or "").split("/") if part]
        if parts and parts[0] == "en":
            parts = parts[1:]
        return len(parts) == 1

    def apply(self, page, doc):
        page.show_in_menus = self.in_menu(doc)
        content = self.apply_title(page, doc)
        intro = doc.text("ingress-text") or doc.text("description")
        page.introduction = self.ctx.fit(intro, 600, doc.path, "introduction")
        self.apply_listing(page, doc)
        page.body = content.blocks + self.link_blocks(doc)


class HomePageMapper(PageMapper):
    """index.md fills the home page's introduction and body."""

    model = HomePage
    image_keys = ("image",)

    def existing(self, doc):
        return self.ctx.structure.homes[doc.lang]

    def may_take_over(self, page):
        # A home page nobody has written anything on yet is filled without --force.
        return not (page.introduction or len(page.body))

    def place(self, page, doc):
        pass

    def apply(self, page, doc):
        content = self.content(doc, title=doc.text("title"))
        intro = (doc.text("ingress-text") or doc.text("excerpt") or doc.text("description")
                 or content.first_paragraph_text)
        page.introduction = self.ctx.fit(intro, 600, doc.path, "introduction")
        if doc.get("image"):
            page.hero_image = self.ctx.media.image(doc.text("image"), doc.path)
        page.body = content.blocks + self.link_blocks(doc)


class NewsPageMapper(PageMapper):
    """digidemlab.org posts: news items tagged with their themes."""

    model = NewsPage
    index_key = "news"
    image_keys = ("thumbnail", "image")

    def apply(self, page, doc):
        content = self.apply_title(page, doc)
        date = self.document_date(doc, "date")
        if date is None:
            date = page.date if isinstance(page.date, dt.date) else timezone.localdate()
            self.ctx.report.warning(doc.path, f"no date; {date:%Y-%m-%d} used", kind=DATE)
        page.date = date
        page.introduction = self.ctx.fit(doc.text("ingress-text"), 600, doc.path, "ingress-text")
        self.apply_listing(page, doc)
        page.body = content.blocks + self.link_blocks(doc)
        page.tags.set(self.tags(doc, "categories", "tags"))


class PageDispatcher:
    """`pages`: index.md is the home page, everything else a standard page."""

    def __init__(self, ctx):
        self.home = HomePageMapper(ctx)
        self.standard = StandardPageMapper(ctx)

    def for_document(self, doc):
        path = PurePosixPath(doc.path)
        if path.stem == "index" and (len(path.parts) == 1 or path.parts[0] in {"en", "pages"}):
            return self.home
        return self.standard


def mappers_for(ctx):
    """kind -> mapper (or dispatcher with `for_document`) for one run."""
    mappers = {
        kinds.PAGE: PageDispatcher(ctx),
        kinds.NEWS: NewsPageMapper(ctx),
    }
    from .civictech import civictech_mappers

    mappers.update(civictech_mappers(ctx))
    return mappers
