"""A crawler for tests: start at some paths, follow every internal link, collect what broke.

    result = crawl(client, ["/", "/en/"], host="civictech.example")
    assert result.broken == {}

It follows `<a href>`, `<link href>` and `<img src>`/`srcset` of HTML pages (and the URLs
in calendar feeds and XML such as the sitemap), on the given host only, through the Django
test client (so it runs the real URL routing, middleware and templates). Every absolute
URL it sees is kept in `absolute_urls` so a test can check which hosts the site names.
"""

import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlparse

#: Paths never followed: the admin and the logout/login forms are not the public site.
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/documents/authenticate")
_ICS_URL = re.compile(r"^(?:URL|X-ORIGINAL-URL)[^:]*:(\S+)", re.MULTILINE)
_XML_URL = re.compile(r"<(?:loc|link|id|uri)>\s*(https?://[^<\s]+)\s*<", re.IGNORECASE)
_XML_HREF = re.compile(r"""\bhref=["'](https?://[^"']+)["']""")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (tag, attribute, value)
        self.meta_urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append((tag, "href", attrs["href"]))
        if tag in ("img", "source", "script", "iframe") and attrs.get("src"):
            self.links.append((tag, "src", attrs["src"]))
        if tag in ("img", "source") and attrs.get("srcset"):
            for candidate in attrs["srcset"].split(","):
                url = candidate.strip().split(" ")[0]
                if url:
                    self.links.append((tag, "srcset", url))
        if tag == "meta" and str(attrs.get("content", "")).startswith(("http://", "https://")):
            self.meta_urls.append(attrs["content"])
        if tag == "form" and attrs.get("action", "").startswith(("http://", "https://")):
            self.meta_urls.append(attrs["action"])


@dataclass
class CrawlResult:
    visited: dict = field(default_factory=dict)  # path -> status code
    broken: dict = field(default_factory=dict)  # path -> (status, [pages linking to it])
    #: absolute url -> (first page naming it, how: "a", "link", "img", "meta", "feed", "xml")
    absolute_urls: dict = field(default_factory=dict)
    links_from: dict = field(default_factory=dict)  # page path -> set of internal paths
    not_followed: set = field(default_factory=set)  # query variants beyond the limit

    def foreign(self, allowed_hosts, *, kinds=None):
        """Absolute URLs (only those found as `kinds`, when given) naming a host that is
        not in `allowed_hosts`: {url: (page, kind)}."""
        return {
            url: (page, kind) for url, (page, kind) in self.absolute_urls.items()
            if (urlparse(url).hostname or "") not in allowed_hosts
            and (kinds is None or kind in kinds)
        }


def _file_exists(path):
    """Media and static files are served by the web server, not Django: check them where
    that server would find them."""
    from urllib.parse import unquote

    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.files.storage import default_storage

    path = unquote(path.split("?", 1)[0])
    if settings.MEDIA_URL and path.startswith(settings.MEDIA_URL):
        return default_storage.exists(path[len(settings.MEDIA_URL):])
    if settings.STATIC_URL and path.startswith(settings.STATIC_URL):
        return finders.find(path[len(settings.STATIC_URL):]) is not None
    return None


def _is_followable(url):
    return url.startswith("/") and not url.startswith("//") and not url.startswith(
        SKIPPED_PREFIXES)


def crawl(client, start_paths, *, host, scheme="https", limit=5000, follow_hosts=None,
          query_variants=8):
    """Breadth-first crawl from `start_paths` through `client` with `HTTP_HOST=host`.

    Links to `host` (and `follow_hosts`) given as absolute URLs are followed too; every
    internal path answering neither 2xx nor a redirect that ends in 2xx is in `broken`.
    Of one path, at most `query_variants` query strings are followed: a calendar's month
    view links to the month before it for ever, filters combine without end.
    """
    variants = {}
    hosts = {host.split(":")[0], *(follow_hosts or ())}
    secure = scheme == "https"
    result = CrawlResult()
    referrers = {}
    queue = deque()

    def enqueue(url, page, kind):
        url = urldefrag(url)[0]
        parsed = urlparse(url)
        if parsed.scheme in ("http", "https", "webcal"):
            result.absolute_urls.setdefault(url, (page, kind))
            if (parsed.hostname or "") not in hosts:
                return
            url = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        elif parsed.scheme or url.startswith("//"):
            return
        if not _is_followable(url):
            return
        result.links_from.setdefault(page, set()).add(url)
        referrers.setdefault(url, []).append(page)
        if url in result.visited or url in queue:
            return
        base, _sep, query = url.partition("?")
        if query:
            seen = variants.setdefault(base, set())
            if len(seen) >= query_variants:
                result.not_followed.add(url)
                return
            seen.add(query)
        queue.append(url)

    for path in start_paths:
        queue.append(path)
        referrers.setdefault(path, [])
    while queue and len(result.visited) < limit:
        path = queue.popleft()
        if path in result.visited:
            continue
        exists = _file_exists(path)
        if exists is not None:
            result.visited[path] = 200 if exists else 404
            if not exists:
                result.broken[path] = (404, referrers.get(path, []))
            continue
        response = client.get(path, HTTP_HOST=host, secure=secure, follow=True)
        status = response.status_code
        result.visited[path] = status
        if status >= 400:
            result.broken[path] = (status, referrers.get(path, []))
            continue
        final = path
        if response.redirect_chain:
            final = urlparse(response.redirect_chain[-1][0]).path or path
        content_type = response.get("Content-Type", "")
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content).decode("utf-8", "replace")
        else:
            body = response.content.decode(response.charset or "utf-8", "replace")
        if "html" in content_type:
            parser = _Links()
            parser.feed(body)
            for tag, _attribute, value in parser.links:
                enqueue(urljoin(final, value.strip()), path, tag)
            for url in parser.meta_urls:
                result.absolute_urls.setdefault(url, (path, "meta"))
        elif "calendar" in content_type:
            for url in _ICS_URL.findall(body.replace("\r\n ", "")):
                enqueue(url, path, "feed")
        elif "xml" in content_type or "json" in content_type:
            for url in _XML_URL.findall(body) + _XML_HREF.findall(body):
                enqueue(url, path, "xml")
    return result
