"""Security headers over HTTP: the public and the admin Content-Security-Policy, the
Permissions-Policy, report-only mode, extra sources, and a view's own policy kept.

Whether the site and the admin really work under these policies is proved in Chromium: the
browser tests fail on any violation (tests/browser/conftest.py).
"""

import importlib

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from events.factories import CalendarPageFactory, EventPageFactory
from hub.factories import NewsPageFactory
from hub.security import SecurityHeadersMiddleware, build_policy

pytestmark = pytest.mark.django_db


def directives(header):
    """{directive: [source, ...]} from a CSP header value."""
    result = {}
    for part in header.split(";"):
        name, *sources = part.split()
        result[name] = sources
    return result


@pytest.fixture
def site(home):
    calendar = CalendarPageFactory(parent=home)
    event = EventPageFactory(parent=calendar, title="Träff </script><script>alert(1)</script>")
    news = NewsPageFactory()
    return {"calendar": calendar, "event": event, "news": news}


@pytest.fixture
def superuser_client(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    return client


def public_urls(site):
    return [
        "/",
        "/en/",
        site["calendar"].url,
        site["event"].url,
        site["news"].url,
        "/search/?q=data",
        "/finns-inte/",  # the 404 page
    ]


def feed_urls(site):
    return [
        site["calendar"].url + "calendar.ics",
        site["event"].url + "event.ics",
        "/news/feed/",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v2/pages/",
    ]


def assert_public_policy(response):
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert "'unsafe-inline'" not in policy["style-src"] + policy["style-src-elem"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["img-src"][:2] == ["'self'", "data:"]
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def assert_permissions_policy(response):
    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert features[feature] == "()"
    assert "interest-cohort" not in features  # gone from browsers; they warn about it


def test_public_pages_and_feeds_get_the_public_policy(client, site):
    for url in public_urls(site) + feed_urls(site):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_public_policy(response)
        assert_permissions_policy(response)
        assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_a_page_from_the_page_cache_keeps_its_headers(client, site):
    first = client.get(site["news"].url)
    second = client.get(site["news"].url)
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Permissions-Policy"] == first["Permissions-Policy"]


def test_the_admin_gets_its_own_policy(client, superuser_client, site):
    for url in ("/admin/login/", "/django-admin/login/"):
        response = client.get(url)
        assert response.status_code == 200
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
        assert policy["frame-ancestors"] == ["'self'"]
    for url in ("/admin/", f"/admin/pages/{site['event'].pk}/edit/"):
        response = superuser_client.get(url)
        assert response.status_code == 200
        policy = directives(response["Content-Security-Policy"])
        # Wagtail's widgets carry inline scripts and its bundle injects style elements.
        assert "'unsafe-inline'" in policy["script-src"]
        assert "'unsafe-inline'" in policy["style-src"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        assert policy["object-src"] == ["'none'"]
        assert_permissions_policy(response)


def test_a_logged_in_editor_sees_public_pages_under_the_public_policy(superuser_client, site):
    # The userbar's assets are files; Chromium shows it works (tests/browser).
    response = superuser_client.get(site["event"].url)
    assert "wagtail-userbar" in response.content.decode()
    assert_public_policy(response)


def test_json_ld_cannot_close_its_script_element(client, site):
    html = client.get(site["event"].url).content.decode()
    opening = '<script type="application/ld+json">'
    start = html.index(opening) + len(opening)
    block = html[start : html.index("</script>", start)]
    assert "alert(1)" in block  # the title is in the data, escaped
    assert "<script" not in block and "</" not in block


def test_report_only_mode(settings, site):
    settings.CSP_REPORT_ONLY = True
    settings.CSP_REPORT_URI = "https://reports.example.org/csp"
    response = Client().get("/")
    assert "Content-Security-Policy" not in response
    policy = directives(response["Content-Security-Policy-Report-Only"])
    assert policy["report-uri"] == ["https://reports.example.org/csp"]
    assert policy["script-src"] == ["'self'"]


def test_extra_sources_from_settings(settings, site):
    settings.CSP_EXTRA_SOURCES = {
        "img-src": ["https://images.example.org"],
        "style-src": ["https://fonts.example.org"],
    }
    settings.CSP_ADMIN_EXTRA_SOURCES = {"script-src": ["'unsafe-eval'"]}
    client = Client()
    public = directives(client.get("/")["Content-Security-Policy"])
    assert public["img-src"][-1] == "https://images.example.org"
    assert public["style-src-elem"][-1] == "https://fonts.example.org"
    assert "'unsafe-eval'" not in public["script-src"]
    admin = directives(client.get("/admin/login/")["Content-Security-Policy"])
    assert admin["img-src"][-1] == "https://images.example.org"
    assert admin["script-src"][-1] == "'unsafe-eval'"


def test_extra_sources_from_the_environment(monkeypatch):
    import hub.settings.security as module

    monkeypatch.setenv("CSP_EXTRA_IMG_SRC", "https://a.example.org, https://b.example.org")
    monkeypatch.setenv("CSP_ADMIN_EXTRA_SCRIPT_SRC", "'unsafe-eval'")
    monkeypatch.setenv("CSP_EMBED_FRAME_SRC", "https://video.example.org")
    monkeypatch.setenv("CSP_REPORT_ONLY", "true")
    monkeypatch.setenv("PERMISSIONS_POLICY_DISABLE", "fullscreen")
    try:
        reloaded = importlib.reload(module)
        assert reloaded.CSP_EXTRA_SOURCES["img-src"] == [
            "https://a.example.org",
            "https://b.example.org",
        ]
        assert reloaded.CSP_ADMIN_EXTRA_SOURCES["script-src"] == ["'unsafe-eval'"]
        assert reloaded.CSP_PUBLIC["frame-src"] == ["'self'", "https://video.example.org"]
        assert reloaded.CSP_REPORT_ONLY is True
        assert reloaded.PERMISSIONS_POLICY["fullscreen"] == []
    finally:
        monkeypatch.undo()
        importlib.reload(module)


def test_static_and_media_on_another_origin_are_allowed_where_used():
    policy = directives(
        build_policy(
            {"script-src": ["'self'"], "img-src": ["'self'"], "media-src": ["'self'"]},
            static_url="https://static.example.org/static/",
            media_url="https://media.example.org/media/",
        )
    )
    assert policy["script-src"] == ["'self'", "https://static.example.org"]
    assert policy["img-src"] == [
        "'self'",
        "https://static.example.org",
        "https://media.example.org",
    ]
    assert policy["media-src"] == ["'self'", "https://media.example.org"]


def test_a_policy_the_view_set_itself_is_kept():
    """An embeddable view (frame-ancestors *) or the media sandbox sets its own policy."""

    def embed_view(request):
        response = HttpResponse("<p>embed</p>")
        response["Content-Security-Policy"] = "frame-ancestors *"
        return response

    def report_only_view(request):
        response = HttpResponse("x")
        response["Content-Security-Policy-Report-Only"] = "default-src 'none'"
        return response

    request = RequestFactory().get("/embed/")
    response = SecurityHeadersMiddleware(embed_view)(request)
    assert response["Content-Security-Policy"] == "frame-ancestors *"
    assert "Permissions-Policy" in response
    response = SecurityHeadersMiddleware(report_only_view)(request)
    assert "Content-Security-Policy" not in response
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'"


@pytest.mark.parametrize(
    ("url", "player"),
    [
        ("https://www.youtube.com/watch?v=abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://vimeo.com/42", "https://player.vimeo.com/video/42"),
    ],
)
def test_recording_players_are_allowed_to_frame(client, home, url, player):
    """A talk's recording is the provider's iframe; its origin is in frame-src."""
    import re
    from urllib.parse import urlsplit

    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    from events.factories import TalkIndexPageFactory, TalkPageFactory

    # What the oEmbed finder would have stored (the tests have no network).
    Embed.objects.create(
        url=url,
        hash=get_embed_hash(url, None, None),
        type="video",
        html=f'<iframe width="560" height="315" src="{player}" allowfullscreen></iframe>',
    )
    talk = TalkPageFactory(parent=TalkIndexPageFactory(parent=home), recording_url=url)
    response = client.get(talk.url)
    sources = re.findall(r'<iframe[^>]* src="([^"]+)"', response.content.decode())
    assert sources == [player]
    frame_src = directives(response["Content-Security-Policy"])["frame-src"]
    parts = urlsplit(player)
    assert f"{parts.scheme}://{parts.netloc}" in frame_src


def test_a_framable_view_gets_the_public_policy_with_its_own_frame_ancestors(settings):
    """`allow_framing()`: the embed policy (frame-ancestors from CSP_EMBED_FRAME_ANCESTORS,
    the rest as public), no X-Frame-Options; the site's extra frame-ancestors stay its own."""
    from django.middleware.clickjacking import XFrameOptionsMiddleware

    from hub.security import allow_framing

    settings.CSP_EXTRA_SOURCES = {
        "frame-ancestors": ["https://intranet.example.org"],
        "img-src": ["https://images.example.org"],
    }

    def embed_view(request):
        return allow_framing(HttpResponse("<p>embed</p>"))

    def page_view(request):
        return HttpResponse("<p>page</p>")

    request = RequestFactory().get("/grupper/goteborg/embed/")
    for frame_ancestors in (["*"], ["https://a.example", "https://b.example"]):
        settings.CSP_EMBED_FRAME_ANCESTORS = frame_ancestors
        stack = SecurityHeadersMiddleware(XFrameOptionsMiddleware(embed_view))
        response = stack(request)
        policy = directives(response["Content-Security-Policy"])
        assert policy["frame-ancestors"] == frame_ancestors
        assert policy["script-src"] == ["'self'"]
        assert policy["img-src"][-1] == "https://images.example.org"
        assert "X-Frame-Options" not in response

    response = SecurityHeadersMiddleware(XFrameOptionsMiddleware(page_view))(request)
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'", "https://intranet.example.org"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
