"""Organiser roles in the page's language: chosen roles are translated, "other" is written
per language, and a person's own role has an English version for the English pages."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail.users.models import UserProfile

from hub.factories import PersonFactory, translate
from labs.factories import LocalGroupIndexPageFactory, LocalGroupPageFactory
from labs.models import LocalGroupOrganiser, LocalGroupPage, OrganiserRole

migration = importlib.import_module("labs.migrations.0006_organiser_role_choices")


def roles(client, page):
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    return [span.get_text(" ", strip=True) for span in html.select(".organiser-list__role")]


def in_swedish(text):
    with translation.override("sv"):
        return str(text)


@pytest.fixture
def groups(home, home_en):
    index = LocalGroupIndexPageFactory(parent=home)
    translate(index, title="Local groups", slug="groups")
    group = LocalGroupPageFactory(parent=index)
    return group


def add_organisers(page, rows):
    page.organisers = [LocalGroupOrganiser(**row) for row in rows]
    page.save_revision().publish()


def test_roles_show_in_each_pages_language(client, groups):
    ada = PersonFactory(name="Ada", role="Forskare", role_en="Researcher", organisation="")
    bo = PersonFactory(name="Bo", role="Utvecklare", role_en="", organisation="")
    cai = PersonFactory(name="Cai", role="", organisation="")
    english = translate(groups, title="Civic Tech Gothenburg", slug="gothenburg")
    add_organisers(groups, [
        {"person": ada, "role": OrganiserRole.COORDINATOR},
        {"person": bo, "role": ""},
        {"person": cai, "role": OrganiserRole.OTHER, "role_other": "Fikaansvarig"},
    ])
    add_organisers(english, [
        {"person": ada, "role": OrganiserRole.COORDINATOR},
        {"person": ada, "role": ""},
        {"person": bo, "role": ""},
        {"person": cai, "role": OrganiserRole.OTHER, "role_other": "In charge of coffee"},
    ])
    assert roles(client, groups) == [
        in_swedish(OrganiserRole.COORDINATOR.label), "Utvecklare", "Fikaansvarig",
    ]
    # English: the choice's English label, the person's English role, the person's role
    # when it has no English version, the English text written for "other".
    assert roles(client, english) == ["Coordinator", "Researcher", "Utvecklare",
                                      "In charge of coffee"]


def test_role_choices_have_english_msgids_and_context():
    with translation.override("en"):
        assert [str(label) for label in OrganiserRole.labels] == [
            "Convener", "Coordinator", "Organiser", "Contact person", "Host", "Volunteer",
            "Other (write it below)",
        ]


@pytest.fixture
def editor(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client


def group_form(organisers):
    return nested_form_data({
        "title": "Civic Tech Umeå", "slug": "umea", "city": "Umeå", "region": "AC",
        "latitude": "63.82584", "longitude": "20.26304", "introduction": "Vi ses.",
        "body": streamfield([]), "organisers": inline_formset(organisers),
        "contact_email": "", "chat_link": "", "partners": inline_formset([]),
        "listing_summary": "", "seo_title": "", "search_description": "",
        "comments": inline_formset([]), "action-publish": "action-publish",
    })


def test_other_without_text_is_a_clear_form_error(editor, home):
    index = LocalGroupIndexPageFactory(parent=home)
    person = PersonFactory()
    url = reverse("wagtailadmin_pages:add", args=["labs", "localgrouppage", index.pk])
    response = editor.post(url, group_form([{"person": person.pk, "role": "other",
                                             "role_other": "", "is_contact": ""}]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write the role, or choose one from the list." in html
    assert 'value="Civic Tech Umeå"' in html  # the editor's data is kept
    assert not LocalGroupPage.objects.filter(slug="umea").exists()

    response = editor.post(url, group_form([{"person": person.pk, "role": "other",
                                             "role_other": "Fikaansvarig", "is_contact": ""}]))
    assert response.status_code == 302
    organiser = LocalGroupPage.objects.get(slug="umea").organisers.get()
    assert (organiser.role, organiser.role_other) == ("other", "Fikaansvarig")
    # Free text that is not a choice is refused.
    response = editor.post(url, group_form([{"person": person.pk, "role": "Samordnare",
                                             "role_other": "", "is_contact": ""}]))
    assert response.status_code == 200


def test_migration_maps_free_text_roles_to_choices(groups):
    person = PersonFactory()
    written = ["Samordnare", " kontaktperson ", "Organisatör", "Sammankallande", "Host",
               "Fikaansvarig", ""]
    add_organisers(groups, [{"person": person} for _ in written])
    rows = LocalGroupOrganiser.objects.filter(page=groups).order_by("sort_order", "pk")
    for row, text in zip(rows, written, strict=True):
        LocalGroupOrganiser.objects.filter(pk=row.pk).update(role=text)
    revision = groups.latest_revision
    for row, text in zip(revision.content["organisers"], written, strict=True):
        row["role"] = text
        del row["role_other"]  # as revisions saved before the field existed
    revision.save(update_fields=["content"])

    migration.roles_to_choices(apps, None)

    expected = [("coordinator", ""), ("contact", ""), ("organiser", ""), ("convener", ""),
                ("host", ""), ("other", "Fikaansvarig"), ("", "")]
    def stored():
        rows = LocalGroupOrganiser.objects.filter(page=groups).order_by("sort_order", "pk")
        return [(o.role, o.role_other) for o in rows]

    assert stored() == expected
    revision.refresh_from_db()
    assert [(r["role"], r.get("role_other", "")) for r in revision.content["organisers"]] == (
        expected
    )
    # Running it again changes nothing.
    migration.roles_to_choices(apps, None)
    assert stored() == expected
