"""A group's organisers box shows each person's photo, name, role, short bio and public
email, with images uploaded through the admin, in a constant number of queries."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from hub.factories import PersonFactory
from labs.factories import LocalGroupOrganiserFactory

pytestmark = pytest.mark.django_db

Image = get_image_model()


@pytest.fixture(autouse=True)
def _media_and_no_page_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PAGE_CACHE_SECONDS = 0  # measure rendering, not the page cache


@pytest.fixture
def uploader(django_user_model):
    client = Client()
    client.force_login(django_user_model.objects.create_superuser("coord", "c@example.org", "pw"))
    return client


def upload_photo(client, title):
    """Upload a PNG through the admin's image form, as an editor would; return the Image."""
    image_file = get_test_image_file(filename=f"{title}.png")
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(f"{title}.png", image_file.file.getvalue(), "image/png"),
            "tags": "",
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    return Image.objects.get(title=title)


def add_organiser(group, uploader, n, **person):
    photo = upload_photo(uploader, f"foto-{n}")
    fields = {
        "name": f"Person {n}",
        "role": "Volontär",
        "bio": f"Bygger öppna verktyg sedan {2010 + n}.\nGillar kaffe.",
        "email": f"person{n}@example.org",
        "show_email": True,
        "photo": photo,
        **person,
    }
    return LocalGroupOrganiserFactory(
        page=group, person=PersonFactory(**fields), role="", sort_order=n
    )


def organisers_box(client, group):
    response = client.get(group.url)
    assert response.status_code == 200
    html = BeautifulSoup(response.content.decode(), "html.parser")
    return html.find(id="organisers-heading").parent


def test_organiser_with_photo_and_bio(client, group, uploader, settings):
    add_organiser(group, uploader, 1, website="https://example.org/p1")
    add_organiser(group, uploader, 2, show_email=False, bio="")
    box = organisers_box(client, group)
    first, second = box.select("li.organiser")

    img = first.find("img", class_="organiser__photo")
    # The name is beside the photo: an empty alt, so screen readers do not read it twice.
    assert img["alt"] == ""
    assert "foto-1" in img["src"] and img["src"] != Image.objects.get(title="foto-1").file.url
    rendition = Image.objects.get(title="foto-1").renditions.get()
    assert img["src"] == rendition.url
    with PILImage.open(io.BytesIO(rendition.file.read())) as picture:
        assert picture.size == (160, 160)
    assert (int(img["width"]), int(img["height"])) == (160, 160)

    name = first.find(class_="organiser__name")
    assert name.get_text(strip=True) == "Person 1"
    assert name.a["href"] == "https://example.org/p1"
    assert first.find(class_="organiser-list__role").get_text(strip=True).startswith("Volontär")
    bio = first.find(class_="organiser__bio")
    assert "Bygger öppna verktyg sedan 2011." in bio.get_text() and bio.find("br")
    assert first.find("a", class_="organiser__email")["href"] == "mailto:person1@example.org"

    # No public address, no bio: neither is shown; the photo still is.
    assert second.find("img", class_="organiser__photo")
    assert not second.find(class_="organiser__email") and "person2@" not in str(box)
    assert not second.find(class_="organiser__bio")


def test_organiser_without_photo_is_listed_by_name(client, group):
    LocalGroupOrganiserFactory(page=group, person=PersonFactory(name="Utan Foto", photo=None))
    box = organisers_box(client, group)
    assert not box.find("img")
    assert box.find(class_="organiser__name").get_text(strip=True) == "Utan Foto"


def test_organisers_box_costs_the_same_for_one_and_five_photos(
    client, group, uploader, django_assert_max_num_queries
):
    counts = []
    for total in (1, 5):
        while group.organisers.count() < total:
            add_organiser(group, uploader, group.organisers.count() + 1)
        client.get(group.url)  # renditions are made on the first view; then they are read
        with django_assert_max_num_queries(27) as queries:
            box = organisers_box(client, group)
        assert len(box.select("img.organiser__photo")) == total
        counts.append(len(queries))
    print(f"\ngroup page queries with 1 / 5 organisers with photos: {counts[0]} / {counts[1]}")
    assert counts[0] == counts[1], counts
