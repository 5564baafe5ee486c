"""Security headers sent with every response (Content-Security-Policy, Permissions-Policy).

`hub.security.SecurityHeadersMiddleware` reads these. Two policies: the public site's, strict
(no inline or eval'd script), and the admin's, which allows what Wagtail's admin needs
(inline scripts from its widgets, inline styles). Operators add sources without editing code
through `CSP_EXTRA_<DIRECTIVE>` environment variables (comma separated), e.g.
`CSP_EXTRA_IMG_SRC=https://images.example.org`, which go into both policies, and
`CSP_ADMIN_EXTRA_<DIRECTIVE>`, which go into the admin's only.
See docs/deployment.md ("Content-Security-Policy").
"""

import os

from .env import env_bool, env_list

# Report-only while trying a policy out: browsers report what they would block, block nothing.
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
# Where browsers POST violation reports (report-uri), e.g. a collector's address; none by default.
CSP_REPORT_URI = os.environ.get("CSP_REPORT_URI", "")

# Players that talk pages and embed blocks frame (Wagtail's oEmbed finders give their iframes).
CSP_EMBED_FRAME_SRC = env_list(
    "CSP_EMBED_FRAME_SRC",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)

_SELF = "'self'"

#: The public site. It has no inline script (JSON-LD is a data block, which CSP does not run)
#: and no eval. Style attributes (a result's progress bar width) need 'unsafe-inline' in
#: style-src-attr only; style elements stay 'self'.
CSP_PUBLIC = {
    "default-src": [_SELF],
    "script-src": [_SELF],
    "style-src": [_SELF],
    "style-src-elem": [_SELF],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": [_SELF, "data:"],
    "font-src": [_SELF],
    "connect-src": [_SELF],
    "media-src": [_SELF],
    "frame-src": [_SELF, *CSP_EMBED_FRAME_SRC],
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    # Wagtail's preview panel frames the site's own pages; nobody else may.
    "frame-ancestors": [_SELF],
}

#: Who may frame the embeddable views (`<page>embed/`, see docs/calendar-feeds.md): any site
#: by default, since partners and municipalities show a group's events on their own pages.
#: Those views get the public policy with this frame-ancestors and no X-Frame-Options.
CSP_EMBED_FRAME_ANCESTORS = env_list("CSP_EMBED_FRAME_ANCESTORS", "*")

#: Wagtail's admin (and Django's): its widget templates carry inline scripts (date pickers,
#: inline panels, the page listing) and its bundle injects style elements. Driving the admin
#: in Chromium under a stricter report-only policy (editing pages with the preview and checks
#: panels, choosers, rich text, snippets, images, users, settings) reported nothing else: no
#: eval, so no 'unsafe-eval'. Image previews use data: and blob: URLs.
CSP_ADMIN = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:"],
    "font-src": [_SELF, "data:"],
    "connect-src": [_SELF],
    "media-src": [_SELF, "blob:"],
    "frame-src": [_SELF, *CSP_EMBED_FRAME_SRC],
    "worker-src": [_SELF, "blob:"],
    "object-src": ["'none'"],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    "frame-ancestors": [_SELF],
}

#: Paths under which the admin policy applies.
CSP_ADMIN_PATHS = ["/admin/", "/django-admin/"]

#: Extra sources per directive for both policies, from CSP_EXTRA_<DIRECTIVE> variables.
CSP_EXTRA_SOURCES = {
    directive: env_list("CSP_EXTRA_" + directive.upper().replace("-", "_"))
    for directive in (
        "default-src", "script-src", "style-src", "img-src", "font-src", "connect-src",
        "media-src", "frame-src", "frame-ancestors", "form-action",
    )
}

#: Extra sources for the admin's policy only, from CSP_ADMIN_EXTRA_<DIRECTIVE> variables
#: (e.g. CSP_ADMIN_EXTRA_SCRIPT_SRC='unsafe-eval' if an admin add-on needs it).
CSP_ADMIN_EXTRA_SOURCES = {
    directive: env_list("CSP_ADMIN_EXTRA_" + directive.upper().replace("-", "_"))
    for directive in CSP_EXTRA_SOURCES
}

#: Powerful features nobody on this site uses, turned off for the site and every frame in it.
#: Names are the current ones (interest-cohort is gone; browsing-topics replaced it).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "hid",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
    )
}
PERMISSIONS_POLICY.update(
    {feature: [] for feature in env_list("PERMISSIONS_POLICY_DISABLE")}
)

# Editors' avatars would otherwise be fetched from Gravatar (a third-party request that sends a
# hash of each editor's address, and one more origin in the admin's img-src).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Wagtail's preview panel frames the site's own pages (frame-ancestors 'self' says the same
# to browsers that read CSP; this is for those that only read X-Frame-Options).
X_FRAME_OPTIONS = "SAMEORIGIN"
