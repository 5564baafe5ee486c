"""Security headers for every response: Content-Security-Policy and Permissions-Policy.

The policies are data in `hub.settings.security`; this module turns them into header values
once per process and adds them to responses. A view that sets its own policy (the media
sandbox) keeps it: the middleware only fills in what is missing. A view that other sites may
frame (the events app's embeds) calls `allow_framing(response)`: it gets the public policy
with `frame-ancestors` from `CSP_EMBED_FRAME_ANCESTORS` (any site by default) and no
X-Frame-Options; every other response keeps refusing frames from elsewhere.
"""

from urllib.parse import urlsplit

from django.conf import settings

CSP_HEADER = "Content-Security-Policy"
CSP_REPORT_ONLY_HEADER = "Content-Security-Policy-Report-Only"


def _origin(url):
    """The scheme://host[:port] of an absolute URL, or None for a path."""
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def _unique(items):
    return list(dict.fromkeys(items))


def build_policy(directives, extra=None, *, static_url="", media_url="", report_uri="",
                 upgrade=False):
    """A CSP header value from {directive: [source, ...]}.

    `extra` adds sources per directive (a directive it names that the policy lacks is added;
    sources for style-src also go to style-src-elem when the policy has it).
    Static files or media served from another origin (a CDN, object storage) are allowed
    where they are used. 'none' gives way when a directive gets real sources.
    """
    policy = {name: list(sources) for name, sources in directives.items()}
    for name, sources in (extra or {}).items():
        if sources:
            policy.setdefault(name, []).extend(sources)
            # style-src-elem, where set, decides for <link>/<style> instead of style-src.
            if f"{name}-elem" in policy:
                policy[f"{name}-elem"].extend(sources)
    static_origin, media_origin = _origin(static_url), _origin(media_url)
    uses = {
        static_origin: ("script-src", "style-src", "style-src-elem", "img-src", "font-src"),
        media_origin: ("img-src", "media-src"),
    }
    for origin, names in uses.items():
        if origin:
            for name in names:
                if name in policy:
                    policy[name].append(origin)
    parts = []
    for name, sources in policy.items():
        sources = _unique(sources)
        if len(sources) > 1 and "'none'" in sources:
            sources.remove("'none'")
        parts.append(" ".join([name, *sources]))
    if upgrade:
        parts.append("upgrade-insecure-requests")
    if report_uri:
        parts.append(f"report-uri {report_uri}")
    return "; ".join(parts)


def allow_framing(response):
    """Let other sites show `response` in a frame (an embeddable view); returns it.

    Django's XFrameOptionsMiddleware then leaves out X-Frame-Options, and
    `SecurityHeadersMiddleware` sends the embed policy (frame-ancestors from
    `CSP_EMBED_FRAME_ANCESTORS`) instead of the public one. Both are plain headers on the
    response, so a copy kept by the page cache is served with them.
    """
    response.xframe_options_exempt = True
    response.frame_anywhere = True
    return response


def build_permissions_policy(features):
    """A Permissions-Policy value from {feature: [origin, ...]}: [] disables the feature,
    "self" and quoted origins allow those."""
    parts = []
    for feature, allow in features.items():
        items = " ".join("self" if a in ("self", "'self'") else f'"{a}"' for a in allow)
        parts.append(f"{feature}=({items})")
    return ", ".join(parts)


class SecurityHeadersMiddleware:
    """Adds the public or the admin Content-Security-Policy, and the Permissions-Policy."""

    def __init__(self, get_response):
        self.get_response = get_response
        extra = getattr(settings, "CSP_EXTRA_SOURCES", {})
        admin_extra = {
            name: [*extra.get(name, []), *sources]
            for name, sources in getattr(settings, "CSP_ADMIN_EXTRA_SOURCES", {}).items()
        }
        common = {
            "static_url": settings.STATIC_URL or "",
            "media_url": settings.MEDIA_URL or "",
            "report_uri": getattr(settings, "CSP_REPORT_URI", ""),
            "upgrade": settings.BASE_URL.startswith("https://"),
        }
        self.public_policy = build_policy(settings.CSP_PUBLIC, extra, **common)
        self.admin_policy = build_policy(settings.CSP_ADMIN, {**extra, **admin_extra}, **common)
        # Extra frame-ancestors are for the site's own pages; embeds name theirs in full.
        embed_extra = {name: srcs for name, srcs in extra.items() if name != "frame-ancestors"}
        self.embed_policy = build_policy(
            {**settings.CSP_PUBLIC, "frame-ancestors": list(settings.CSP_EMBED_FRAME_ANCESTORS)},
            embed_extra,
            **common,
        )
        self.admin_paths = tuple(settings.CSP_ADMIN_PATHS)
        self.header = CSP_REPORT_ONLY_HEADER if settings.CSP_REPORT_ONLY else CSP_HEADER
        self.permissions_policy = build_permissions_policy(settings.PERMISSIONS_POLICY)

    def policy_for(self, request, response=None):
        if getattr(response, "frame_anywhere", False):
            return self.embed_policy
        if request.path_info.startswith(self.admin_paths):
            return self.admin_policy
        return self.public_policy

    def __call__(self, request):
        response = self.get_response(request)
        # Django's debug pages (DEBUG only) style and script themselves inline.
        debug_page = settings.DEBUG and response.status_code in (404, 500)
        own = CSP_HEADER in response.headers or CSP_REPORT_ONLY_HEADER in response.headers
        if not own and not debug_page:
            response.headers[self.header] = self.policy_for(request, response)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
