"""Markdown and plain text into Wagtail content: BodyStreamBlock data and rich text.

The pipeline for Markdown: strip Jekyll's Liquid tags, render with Python-Markdown
(extra: footnotes, tables, attribute lists), sanitise the HTML with nh3 (so raw HTML in
the source, including <script>, never reaches the page), then walk the result into
stream blocks: headings become heading blocks, images become image blocks, known video
iframes become embeds, and everything else becomes rich text. Rich text is finally
round-tripped through Wagtail's own contentstate converter with the body's feature list,
so that what is stored is exactly the HTML subset Wagtail's editor keeps.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlparse

import markdown
import nh3
from bs4 import BeautifulSoup, NavigableString, Tag
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from hub.blocks import RICH_TEXT_FEATURES

from .addresses import reveal_addresses
from .report import ALT_TEXT, FRAME_DROPPED, HTML_REMOVED, LINK

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_LEVEL = {
    "p", "div", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6",
}
CONTAINERS = {"div", "section", "article", "main", "header", "footer", "aside", "center"}
ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s",
    "del", "sup", "sub", "small", "code", "pre", "ul", "ol", "li", "a", "img", "blockquote",
    "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "dl", "dt",
    "dd", "span", "abbr", "mark",
} | CONTAINERS
ALLOWED_ATTRIBUTES = {
    "a": {"href", "class"},
    "img": {"src", "alt"},
    "div": {"class"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
NOTES_HEADING = {"sv": "Fotnoter", "en": "Notes"}

_LIQUID_SITE_URL = re.compile(r"\{\{\s*site\.(?:baseurl|url)\s*\}\}")
_LIQUID_TAG = re.compile(r"\{%.*?%\}", re.DOTALL)
_LIQUID_OUTPUT = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_KRAMDOWN_IAL = re.compile(r"\{:[^}\n]*\}")
_IFRAME = re.compile(r"<iframe\b[^>]*\bsrc=[\"']([^\"']+)[\"'][^>]*>(?:.*?</iframe>)?", re.I | re.S)
_EMBED_TOKEN = re.compile(r"^\[\[embed:(\S+)\]\]$")
_IMAGE_PLACEHOLDER = re.compile(r"^\s*image\s*$", re.IGNORECASE)
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_MARKDOWN_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)")
_PLAIN_EMAIL = re.compile(r"(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                          r"\.[A-Za-z]{2,24}(?![\w-])")
_HTML_SRC = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@dataclass
class Content:
    """A converted document body."""

    title: str = ""
    blocks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def first_paragraph_text(self):
        for block in self.blocks:
            if block["type"] == "paragraph":
                text = BeautifulSoup(block["value"], "html.parser").get_text(" ", strip=True)
                if text:
                    return text
        return ""


def referenced_paths(text):
    """Every src/href a Markdown or HTML body refers to (used for change detection)."""
    found = _MARKDOWN_IMAGE.findall(text) + _MARKDOWN_LINK.findall(text) + _HTML_SRC.findall(text)
    return [item for item in found if not item.startswith(("#", "mailto:", "tel:"))]


def strip_liquid(text):
    """Remove Jekyll's Liquid tags; `{{ site.baseurl }}` becomes the site root."""
    text = _LIQUID_SITE_URL.sub("", text)
    text = _LIQUID_TAG.sub("", text)
    text = _LIQUID_OUTPUT.sub("", text)
    return _KRAMDOWN_IAL.sub("", text)


def video_url(src):
    """The public page of a YouTube or Vimeo player iframe, or "" for anything else."""
    parsed = urlparse(src if "//" in src else f"https://{src}")
    host = (parsed.hostname or "").removeprefix("www.")
    if host in {"youtube.com", "youtube-nocookie.com"} and parsed.path.startswith("/embed/"):
        video_id = parsed.path.removeprefix("/embed/").strip("/")
        return f"https://www.youtube.com/watch?v={video_id}" if video_id else ""
    if host == "youtube.com" and parsed.path == "/watch":
        return f"https://www.youtube.com/watch?v={parse_qs(parsed.query).get('v', [''])[0]}"
    if host == "player.vimeo.com" and parsed.path.startswith("/video/"):
        return f"https://vimeo.com/{parsed.path.removeprefix('/video/').strip('/')}"
    return ""


class ContentConverter:
    """Convert bodies for one import run.

    `resolve_image(src, path)` returns a Wagtail image or None (and reports why);
    `resolve_document(href, path)` returns a Wagtail document for links to uploaded files,
    or None to keep the link as it is; `resolve_link(href, path)` returns a
    `links.Link` for every other link (without it, links stay as they are).
    """

    def __init__(self, resolve_image=None, resolve_document=None, resolve_link=None):
        self.resolve_image = resolve_image or (lambda src, path: None)
        self.resolve_document = resolve_document or (lambda href, path: None)
        self.resolve_link = resolve_link
        self.converter = ContentstateConverter(features=RICH_TEXT_FEATURES)
        self._path = ""
        self.markdown = markdown.Markdown(
            extensions=["extra", "sane_lists"],
            extension_configs={"footnotes": {"BACKLINK_TEXT": ""}},
            output_format="html",
        )

    # --- public -------------------------------------------------------------------------

    def from_markdown(self, text, path="", *, lang="sv", title=""):
        """Blocks for a Markdown body. Without `title`, the first heading becomes the title
        (and leaves the body); a first heading that repeats `title` is dropped too."""
        content = Content()
        self._path = path
        text = reveal_addresses(strip_liquid(text))
        text = _IFRAME.sub(lambda m: self._iframe_token(m.group(1), path, content), text)
        self.markdown.reset()
        rendered = self.markdown.convert(text)
        clean = nh3.clean(
            rendered,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel=None,
            strip_comments=True,
        )
        if _changed_by_sanitising(rendered, clean):
            content.warnings.append((HTML_REMOVED, "HTML that the hub does not keep (scripts, "
                                     "styles, forms, attributes) was removed from the body"))
        soup = BeautifulSoup(clean, "html.parser")
        self._footnotes(soup, lang)
        items = list(self._walk(soup.contents, path, content))
        items = self._take_title(items, title, content)
        content.blocks = self._to_blocks(items, content)
        return content

    def from_plain_text(self, text, path=""):
        """Blocks for a plain text file: first line is the title, paragraphs are kept and the
        "Image" placeholders that copy-pasting from a web page leaves are dropped."""
        content = Content()
        self._path = path
        lines = [line for line in text.split("\n") if not _IMAGE_PLACEHOLDER.match(line)]
        paragraphs, current = [], []
        for line in lines:
            if line.strip():
                current.append(line.strip())
            elif current:
                paragraphs.append(current)
                current = []
        if current:
            paragraphs.append(current)
        if paragraphs:
            first = paragraphs[0]
            content.title = first.pop(0)
            if not first:
                paragraphs.pop(0)
        rich = "".join(
            "<p>" + "<br/>".join(_text_with_mail_links(line) for line in paragraph) + "</p>"
            for paragraph in paragraphs
        )
        if rich:
            content.blocks = [self._paragraph(rich)]
        return content

    # --- walking the sanitised HTML -----------------------------------------------------

    def _iframe_token(self, src, path, content):
        url = video_url(html.unescape(src))
        if url:
            return f"\n\n[[embed:{url}]]\n\n"
        content.warnings.append(
            (FRAME_DROPPED, f"embedded frame from {src} dropped (only videos are kept)"))
        return ""

    def _footnotes(self, soup, lang):
        for backref in soup.find_all("a", class_="footnote-backref"):
            backref.decompose()
        for ref in soup.find_all("a", class_="footnote-ref"):
            target = ref.parent if ref.parent and ref.parent.name == "sup" else ref
            target.replace_with(NavigableString(f"[{ref.get_text(strip=True)}]"))
        for notes in soup.find_all("div", class_="footnote"):
            items = notes.find("ol")
            heading = soup.new_tag("h2")
            heading.string = NOTES_HEADING.get(lang, NOTES_HEADING["sv"])
            if items is None:
                notes.decompose()
                continue
            # Footnotes keep their numbers because they stay an ordered list.
            notes.replace_with(heading)
            heading.insert_after(items)

    def _walk(self, nodes, path, content):
        """Yield ("heading", level, text), ("image", img, caption), ("embed", url) and
        ("rich", html) items, in document order."""
        for node in list(nodes):
            if isinstance(node, NavigableString):
                text = str(node).strip()
                if text:
                    yield ("rich", f"<p>{html.escape(text, quote=False)}</p>")
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name
            if name in CONTAINERS:
                yield from self._walk(node.contents, path, content)
            elif name in HEADINGS:
                text = " ".join(node.get_text(" ").split())
                if text:
                    yield ("heading", int(name[1]), text)
            elif name == "hr":
                continue
            elif name == "img":
                yield ("image", node, "")
            elif name == "figure":
                caption = node.find("figcaption")
                caption_text = " ".join(caption.get_text(" ").split()) if caption else ""
                for img in node.find_all("img"):
                    yield ("image", img, caption_text)
            elif name == "p" and _EMBED_TOKEN.match(node.get_text(strip=True)):
                yield ("embed", _EMBED_TOKEN.match(node.get_text(strip=True)).group(1))
            else:
                yield from self._split_images(node)

    def _split_images(self, element):
        """An element with images in it: text before, the image, text after; images nested
        deeper (in a link or a list) follow the element."""
        images = element.find_all("img")
        if not images:
            yield ("rich", _rich_html(element))
            return
        trailing = []
        for img in images:
            if img.parent is not element:
                trailing.append(img.extract())
        current = []
        for child in list(element.contents):
            if isinstance(child, Tag) and child.name == "img":
                if _has_text(current):
                    yield ("rich", _rich_html(_wrap(element.name, current)))
                current = []
                yield ("image", child, "")
            else:
                current.append(child)
        if _has_text(current):
            yield ("rich", _rich_html(_wrap(element.name, current)))
        for img in trailing:
            yield ("image", img, "")

    def _take_title(self, items, title, content):
        headings = [index for index, item in enumerate(items) if item[0] == "heading"]
        if not headings:
            content.title = title
            return items
        first = headings[0]
        heading_text = items[first][2]
        before = items[:first]
        only_images_before = all(item[0] == "image" for item in before)
        if not title and only_images_before:
            content.title = heading_text
            return before + items[first + 1 :]
        content.title = title
        if only_images_before and _same_text(heading_text, title):
            return before + items[first + 1 :]
        return items

    def _to_blocks(self, items, content):
        # The page title is the h1. A body that starts at h3 moves up to h2; h1s in the body
        # become h2s; nothing goes below h4 (the body block's deepest heading).
        levels = [item[1] for item in items if item[0] == "heading"]
        shift = max(min(levels) - 2, 0) if levels else 0
        blocks, run = [], []

        def flush():
            if run:
                block = self._paragraph("".join(run))
                if block:
                    blocks.append(block)
                run.clear()

        for item in items:
            kind = item[0]
            if kind == "rich":
                run.append(self._prepare_links(item[1], content))
                continue
            flush()
            if kind == "heading":
                level = min(max(item[1] - shift, 2), 4)
                blocks.append(
                    {"type": "heading", "value": {"text": item[2][:200], "level": f"h{level}"}}
                )
            elif kind == "embed":
                blocks.append({"type": "embed", "value": {"embed": item[1], "caption": ""}})
            elif kind == "image":
                block = self._image_block(item[1], item[2], content)
                if block:
                    blocks.append(block)
        flush()
        return blocks

    def _image_block(self, img, caption, content):
        src = img.get("src") or ""
        image = self.resolve_image(src, self._path) if src else None
        if image is None:
            return None
        alt = " ".join((img.get("alt") or "").split())
        if not alt:
            content.warnings.append((
                ALT_TEXT,
                f"image {src} has no alt text; “{image.title}” is used until an editor writes one",
            ))
        return {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": alt or image.title},
                "caption": caption[:300],
                "credit": "",
            },
        }

    def _prepare_links(self, fragment, content):
        """Links to uploaded files become document links; dead anchors lose their link."""
        if "<a" not in fragment:
            return fragment
        soup = BeautifulSoup(fragment, "html.parser")
        for link in soup.find_all("a"):
            href = (link.get("href") or "").strip()
            if not href or href.startswith("#"):
                link.unwrap()
                continue
            document = self.resolve_document(href, self._path)
            if document is not None:
                link.attrs = {"linktype": "document", "id": str(document.pk)}
                continue
            if self.resolve_link is None:
                link.attrs = {"href": href}
                continue
            target = self.resolve_link(href, self._path)
            if target.page is not None:
                link.attrs = {"linktype": "page", "id": str(target.page.pk)}
            elif target.url:
                link.attrs = {"href": target.url}
            else:
                if target.problem:
                    content.warnings.append((LINK, target.problem))
                link.unwrap()
        return soup.decode(formatter="minimal")

    def _paragraph(self, rich):
        value = self.normalise_rich(rich)
        if not BeautifulSoup(value, "html.parser").get_text(strip=True):
            return None
        return {"type": "paragraph", "value": value}

    def normalise_rich(self, rich):
        """Round-trip through Wagtail's contentstate converter: the result is exactly the
        HTML that Wagtail's rich text editor would store for our feature list."""
        contentstate = self.converter.from_database_format(rich)
        return self.converter.to_database_format(contentstate)


# --- helpers that make sanitised HTML fit contentstate ------------------------------------


def _text_with_mail_links(line):
    """One escaped line of plain text, its (obfuscated) e-mail addresses as mail links."""
    escaped = html.escape(reveal_addresses(line, link=False), quote=False)
    return _PLAIN_EMAIL.sub(lambda m: f'<a href="mailto:{m.group(0)}">{m.group(0)}</a>', escaped)


def _has_text(nodes):
    return any(
        (isinstance(node, NavigableString) and str(node).strip())
        or (isinstance(node, Tag) and node.get_text(strip=True))
        for node in nodes
    )


def _wrap(name, nodes):
    soup = BeautifulSoup("", "html.parser")
    wrapper = soup.new_tag(name if name in {"p", "blockquote"} else "p")
    for node in nodes:
        wrapper.append(node.extract() if node.parent else node)
    return wrapper


def _same_text(a, b):
    def norm(value):
        return " ".join(str(value or "").lower().split())

    return norm(a) == norm(b)


def _inline(node):
    """Inline HTML of a node's children, with block-level children flattened to <br/>s."""
    parts = []

    def has_content():
        return bool("".join(parts).strip()) and not "".join(parts).rstrip().endswith("<br/>")

    for child in node.contents:
        if isinstance(child, NavigableString):
            parts.append(html.escape(str(child), quote=False))
        elif not isinstance(child, Tag):
            continue
        elif child.name == "br":
            parts.append("<br/>")
        elif child.name in BLOCK_LEVEL:
            inner = _inline(child).strip()
            if inner:
                if has_content():
                    parts.append("<br/>")
                parts.append(inner)
        elif child.name in {"strong", "b"}:
            inner = _inline(child)
            parts.append(f"<b>{inner}</b>" if inner.strip() else inner)
        elif child.name in {"em", "i"}:
            inner = _inline(child)
            parts.append(f"<i>{inner}</i>" if inner.strip() else inner)
        elif child.name == "a":
            href = child.get("href")
            inner = _inline(child)
            if href and inner.strip():
                parts.append(f'<a href="{html.escape(href)}">{inner}</a>')
            else:
                parts.append(inner)
        elif child.name == "sup" and child.get_text(strip=True).isdigit():
            # Hand-made footnote marks (<sup>1</sup>): superscript is not kept, brackets are.
            parts.append(f"[{child.get_text(strip=True)}]")
        elif child.name == "img":
            continue
        else:
            parts.append(_inline(child))
    return "".join(parts).strip()


def _list_html(node):
    items = []
    for child in node.find_all("li", recursive=False):
        nested = list(child.find_all(["ul", "ol"], recursive=False))
        for grand in nested:
            grand.extract()
        inner = _inline(child).strip()
        while inner.endswith("<br/>"):
            inner = inner[: -len("<br/>")]
        items.append(f"<li>{inner}{''.join(_list_html(grand) for grand in nested)}</li>")
    return f"<{node.name}>{''.join(items)}</{node.name}>" if items else ""


def _rich_html(node):
    """XHTML for one top-level element, shaped so that contentstate understands it."""
    if isinstance(node, NavigableString):
        text = str(node).strip()
        return f"<p>{html.escape(text, quote=False)}</p>" if text else ""
    name = node.name
    if name in {"ul", "ol"}:
        return _list_html(node)
    if name == "blockquote":
        parts = []
        block_children = [c for c in node.contents if isinstance(c, Tag) and c.name in {"p", "ul",
                          "ol", "pre", "blockquote"} | HEADINGS]
        if not block_children:
            inner = _inline(node).strip()
            return f"<blockquote>{inner}</blockquote>" if inner else ""
        for child in block_children:
            inner = _inline(child).strip() if child.name not in {"ul", "ol"} else "<br/>".join(
                _inline(li).strip() for li in child.find_all("li")
            )
            if inner:
                parts.append(f"<blockquote>{inner}</blockquote>")
        return "".join(parts)
    if name == "pre":
        text = html.escape(node.get_text().strip("\n"), quote=False)
        return f"<p>{text.replace(chr(10), '<br/>')}</p>" if text.strip() else ""
    if name == "table":
        rows = []
        for row in node.find_all("tr"):
            cells = [_inline(cell).strip() for cell in row.find_all(["th", "td"])]
            cells = [cell for cell in cells if cell]
            if cells:
                rows.append(f"<p>{' | '.join(cells)}</p>")
        return "".join(rows)
    if name == "dl":
        parts = []
        for child in node.find_all(["dt", "dd"], recursive=False):
            inner = _inline(child).strip()
            if inner:
                parts.append(f"<p><b>{inner}</b></p>" if child.name == "dt" else f"<p>{inner}</p>")
        return "".join(parts)
    inner = _inline(node).strip()
    return f"<p>{inner}</p>" if inner else ""


def _changed_by_sanitising(before, after):
    """Whether nh3 removed something that mattered (not just attributes Markdown adds)."""
    dangerous = re.compile(r"<\s*(script|style|iframe|object|embed|form|input|button|svg|math)\b"
                           r"|\son\w+\s*=|javascript:", re.IGNORECASE)
    return bool(dangerous.search(before)) and not dangerous.search(after)


def blocks_to_rich_text(converter, blocks):
    """Body blocks folded into one rich text value (for pages whose text is a rich text
    field): headings stay headings, embeds become links. Returns (html, image blocks
    that had to be left out)."""
    parts, images = [], []
    for block in blocks:
        kind, value = block["type"], block["value"]
        if kind == "paragraph":
            parts.append(value)
        elif kind == "heading":
            parts.append(f"<{value['level']}>{html.escape(value['text'], quote=False)}"
                         f"</{value['level']}>")
        elif kind == "embed":
            url = html.escape(value["embed"])
            parts.append(f'<p><a href="{url}">{url}</a></p>')
        elif kind == "image":
            images.append(block)
        elif kind == "document":
            title = html.escape(value.get("title") or "", quote=False)
            parts.append(f'<p><a linktype="document" id="{value["document"]}">'
                         f'{title or value["document"]}</a></p>')
        elif kind == "link_list":
            items = "".join(
                f'<li><a href="{html.escape(link["external_url"])}">'
                f'{html.escape(link["title"] or link["external_url"], quote=False)}</a></li>'
                for link in value["links"]
            )
            if value.get("heading"):
                parts.append(f"<h2>{html.escape(value['heading'], quote=False)}</h2>")
            parts.append(f"<ul>{items}</ul>")
    rich = "".join(parts)
    return (converter.normalise_rich(rich) if rich else ""), images
