"""The nginx front (deploy/nginx/civictech.conf) and Varnish keep private documents private
and serve public images with a sandboxing policy; PURGE is for the application only."""

import html
import re

import pytest

from tests.servers import PUBLIC_HOST, Client, csrf_token

pytestmark = pytest.mark.integration

PASSWORD = "hemligt-lösen"

PRIVATE_DOCUMENT = """
import json, secrets
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

secret = "TOPSECRET-" + secrets.token_hex(8)
root = Collection.get_first_root_node()
collection = root.add_child(name="Styrelsen " + secrets.token_hex(3))
restriction = CollectionViewRestriction.objects.create(
    collection=collection, restriction_type="password", password=%(password)r
)
document = get_document_model()(title="Protokoll", collection=collection)
document.file.save("protokoll.txt", ContentFile(secret.encode()), save=False)
document.save()
print(json.dumps({"id": document.pk, "filename": document.filename, "file": document.file.name,
                  "restriction": restriction.pk, "secret": secret}))
"""

AN_IMAGE = """
import io, json
from PIL import Image as Picture
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
data = io.BytesIO()
Picture.new("RGB", (400, 300), (255, 210, 77)).save(data, "PNG")
image = get_image_model()(title="Logga", file=ImageFile(data, name="logga.png"))
image.save()
rendition = image.get_rendition("width-200")
print(json.dumps({"original": image.file.name, "rendition": rendition.file.name}))
"""


@pytest.fixture(scope="module")
def document(stack):
    return stack.shell(PRIVATE_DOCUMENT % {"password": PASSWORD})


def document_path(document):
    return f"/documents/{document['id']}/{document['filename']}"


def test_a_private_document_asks_for_the_password(stack, document):
    for where in ("nginx", "varnish", "gunicorn"):
        response = stack.client(where).get(document_path(document))
        assert document["secret"] not in response.text
        assert 'name="password"' in response.text, (where, response.status)


def test_the_media_address_of_a_document_is_not_served(stack, document):
    assert (stack.media_root / document["file"]).exists()
    nginx = stack.client("nginx")
    for path in (f"/media/{document['file']}", "/media/documents/", "/media/"):
        response = nginx.get(path)
        assert response.status == 404, (path, response.status)
        assert document["secret"] not in response.text


def test_after_an_authorised_download_the_cache_does_not_hand_it_out(stack, document):
    reader = stack.client("nginx")
    path = document_path(document)
    form = reader.get(path)
    action = re.search(r'<form[^>]*action="([^"]+)"', form.text).group(1)
    assert str(document["restriction"]) in action
    response = reader.post(
        html.unescape(action),
        {"csrfmiddlewaretoken": csrf_token(form), "password": PASSWORD, "return_url": path},
        referer=path,
    )
    assert response.status == 302, response.text[:1000]
    download = reader.get(path)
    assert download.status == 200 and download.body.decode() == document["secret"]

    for where in ("nginx", "varnish"):
        for _ in range(2):
            response = stack.client(where).get(path)
            assert document["secret"] not in response.text, where
            assert response.header("x-cache") != "HIT"


def test_public_images_are_served_sandboxed(stack):
    image = stack.shell(AN_IMAGE)
    nginx = stack.client("nginx")
    for name in (image["original"], image["rendition"]):
        response = nginx.get(f"/media/{name}")
        assert response.status == 200, name
        policy = response.header("content-security-policy")
        assert policy.startswith("sandbox;") and "default-src 'none'" in policy
        assert "script-src" not in policy
        assert response.header("x-content-type-options") == "nosniff"


def test_plain_http_redirects_to_https(stack):
    response = Client(f"http://127.0.0.1:{stack.ports['http']}", host=PUBLIC_HOST).get("/x/")
    assert response.status == 301
    assert response.header("location") == f"https://{PUBLIC_HOST}/x/"


def test_purge_is_refused_from_outside(stack):
    assert stack.client("nginx").request("PURGE", "/").status == 405
    assert stack.client("nginx").request("BAN", "/").status == 405
    # Straight to Varnish from an address outside its ACL (127.0.0.1 and ::1).
    assert stack.client("varnish", source="127.0.0.2").request("PURGE", "/").status == 405
    assert stack.client("varnish").request("PURGE", "/").status == 200


def test_query_string_variants_are_purged_with_their_path(stack):
    varnish = stack.client("varnish")
    for path in ("/?utm=1", "/?utm=1", "/", "/"):
        varnish.get(path)
    assert varnish.get("/?utm=1").header("x-cache") == "HIT"
    assert varnish.request("PURGE", "/").status == 200
    assert varnish.get("/?utm=1").header("x-cache") == "MISS"
    assert varnish.get("/").header("x-cache") == "MISS"
