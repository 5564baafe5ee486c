"""Each group's editors get a collection of their own for images and documents.

Proven over HTTP through the real Wagtail admin: uploads land in the group's collection, the
group's chooser lists them, another group's editors neither see, choose nor edit them, and
nobody but the coordinators reaches the root collection.
"""

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, GroupCollectionPermission, Locale

from events.models import EventPage
from labs.publishing import EditorGroup, ensure_editors_collections
from labs.signals import _migrated
from tests.admin_forms import event_form, group_form

from .test_access import refused

pytestmark = pytest.mark.django_db

Image = get_image_model()
Document = get_document_model()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def client_b(editor_b):
    client = Client()
    client.force_login(editor_b)
    return client


def upload_image(client, title="Hackkväll", collection=None):
    image_file = get_test_image_file()
    data = {
        "title": title,
        "file": SimpleUploadedFile("hack.png", image_file.file.getvalue(), "image/png"),
        "tags": "",
    }
    if collection is not None:
        data["collection"] = collection.pk
    return client.post(reverse("wagtailimages:add"), data)


def chooser_html(client, name="wagtailimages_chooser:choose"):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.json()["html"]


def test_each_group_gets_its_own_collection(group_a, group_b):
    a, b = group_a.editors_group(), group_b.editors_group()
    collection_a = EditorGroup.objects.get(group=a).collection
    assert collection_a.name == "Civic Tech Göteborg"
    assert collection_a.get_parent() == Collection.get_first_root_node()
    assert EditorGroup.objects.get(group=b).collection != collection_a
    granted = set(
        GroupCollectionPermission.objects.filter(group=a).values_list(
            "collection", "permission__codename"
        )
    )
    assert granted == {
        (collection_a.pk, codename)
        for codename in (
            "add_image",
            "change_image",
            "choose_image",
            "delete_image",
            "add_document",
            "change_document",
            "choose_document",
            "delete_document",
        )
    }


def test_editor_uploads_into_their_collection_and_chooses_it(client_a, group_a):
    collection = EditorGroup.objects.get(group=group_a.editors_group()).collection
    response = upload_image(client_a)
    assert response.status_code == 302, response.context["form"].errors
    image = Image.objects.get(title="Hackkväll")
    assert image.collection == collection
    assert "Hackkväll" in chooser_html(client_a)
    # ... and uses it on an event of the group.
    url = reverse("wagtailadmin_pages:add", args=("events", "eventpage", group_a.pk))
    response = client_a.post(url, event_form(listing_image=image.pk))
    assert response.status_code == 302, response.context["form"].errors
    assert EventPage.objects.get(slug="hackkvall").listing_image == image


def test_editor_keeps_an_image_the_coordinator_chose_from_the_root(client_a, group_a):
    root_image = Image.objects.create(
        title="Logotyp", file=get_test_image_file(), collection=Collection.get_first_root_node()
    )
    group_a.listing_image = root_image
    group_a.save_revision().publish()
    assert "Logotyp" not in chooser_html(client_a)  # not theirs to choose elsewhere
    url = reverse("wagtailadmin_pages:edit", args=[group_a.pk])
    response = client_a.post(url, group_form(group_a, listing_image=root_image.pk))
    assert response.status_code == 302, response.context["form"].errors
    assert group_a.get_latest_revision().as_object().listing_image == root_image


def test_other_groups_editors_neither_see_choose_nor_edit_it(client_a, client_b, group_a):
    upload_image(client_a)
    image = Image.objects.get(title="Hackkväll")
    assert "Hackkväll" not in chooser_html(client_b)
    assert "Hackkväll" not in client_b.get(reverse("wagtailimages:index")).content.decode()
    edit = reverse("wagtailimages:edit", args=[image.pk])
    assert refused(client_b.get(edit))
    assert refused(client_b.post(edit, {"title": "Kapad", "tags": ""}))
    assert refused(client_b.post(reverse("wagtailimages:delete", args=[image.pk])))
    image.refresh_from_db()
    assert image.title == "Hackkväll"
    # The image chooser's "chosen" step refuses too.
    chosen = reverse("wagtailimages_chooser:chosen", args=[image.pk])
    assert client_b.get(chosen).status_code in (302, 403, 404)


def test_editor_cannot_upload_into_the_root_collection(client_a, group_a):
    root = Collection.get_first_root_node()
    upload_image(client_a, collection=root)
    assert not Image.objects.filter(collection=root).exists()
    assert Image.objects.get().collection.editor_group.group == group_a.editors_group()
    # No collection of theirs but their own is offered.
    form = client_a.get(reverse("wagtailimages:add")).context["form"]
    assert "collection" not in form.fields or list(form.fields["collection"].queryset) == [
        Image.objects.get().collection
    ]


def test_documents_follow_the_same_rules(client_a, client_b, group_a):
    upload = SimpleUploadedFile("program.txt", b"Program", "text/plain")
    response = client_a.post(
        reverse("wagtaildocs:add"), {"title": "Program", "file": upload, "tags": ""}
    )
    assert response.status_code == 302, response.context["form"].errors
    document = Document.objects.get(title="Program")
    assert document.collection.editor_group.group == group_a.editors_group()
    assert "Program" in chooser_html(client_a, "wagtaildocs_chooser:choose")
    assert "Program" not in chooser_html(client_b, "wagtaildocs_chooser:choose")
    assert refused(client_b.get(reverse("wagtaildocs:edit", args=[document.pk])))


def test_coordinators_see_everything(client_a, coordinator_client):
    upload_image(client_a)
    assert "Hackkväll" in chooser_html(coordinator_client)
    image = Image.objects.get()
    assert coordinator_client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200


def test_collection_is_renamed_shared_and_released_with_the_group(
    group_a, home_en, django_capture_on_commit_callbacks
):
    link = EditorGroup.objects.get(group=group_a.editors_group())
    group_a.title = "Civic Tech Västra Götaland"
    group_a.save_revision().publish()
    link.refresh_from_db()
    assert link.collection.name == "Civic Tech Västra Götaland"

    english = Locale.objects.get(language_code="en")
    group_a.get_parent().specific.copy_for_translation(english).save_revision().publish()
    en = group_a.copy_for_translation(english)
    en.save_revision().publish()
    assert Collection.objects.filter(editor_group__isnull=False).count() == 1

    image = Image.objects.create(
        title="Kvar", file=get_test_image_file(), collection=link.collection
    )
    with django_capture_on_commit_callbacks(execute=True):
        en.delete()
        group_a.delete()
    assert not EditorGroup.objects.exists()
    assert not Collection.objects.filter(pk=link.collection_id).exists()
    image.refresh_from_db()
    assert image.collection == Collection.get_first_root_node()  # kept, moved to the root


def test_existing_groups_get_their_collection_after_migrate(group_a):
    link = EditorGroup.objects.get(group=group_a.editors_group())
    link.collection.delete()
    link.refresh_from_db()
    assert link.collection is None
    # What `migrate` runs at its end (labs.signals), then once more: idempotent.
    last_app = list(apps.get_app_configs())[-1]
    _migrated(sender=last_app, app_config=last_app)
    ensure_editors_collections()
    link.refresh_from_db()
    assert link.collection.name == "Civic Tech Göteborg"
    assert GroupCollectionPermission.objects.filter(group=link.group).count() == 8
    assert Collection.objects.filter(name="Civic Tech Göteborg").count() == 1
