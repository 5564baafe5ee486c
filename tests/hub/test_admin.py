"""The coordinator's admin: people (snippets) and site settings."""

import pytest
from django.urls import reverse

from hub.factories import PersonFactory


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_people_listing_and_search(admin_client, home):
    PersonFactory(name="Ada Lovelace", organisation="RISE")
    PersonFactory(name="Grace Hopper", organisation="Coompanion")
    url = reverse("wagtailsnippets_hub_person:list")
    html = admin_client.get(url).content.decode()
    assert "Ada Lovelace" in html and "Grace Hopper" in html
    found = admin_client.get(url, {"q": "Ada"}).content.decode()
    assert "Ada Lovelace" in found and "Grace Hopper" not in found
    by_org = admin_client.get(url, {"q": "Coompanion"}).content.decode()
    assert "Grace Hopper" in by_org and "Ada Lovelace" not in by_org


def test_person_create_form_saves(admin_client, home):
    from hub.models import Person

    url = reverse("wagtailsnippets_hub_person:add")
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {"name": "Karin Boye", "role": "Talare", "organisation": "", "bio": "Poet.",
         "email": "karin@example.org", "website": ""},
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Karin Boye")
    assert person.email == "karin@example.org"
    assert person.show_email is False
    assert person.public_email == ""


def test_people_are_in_the_admin_menu(admin_client, home):
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailsnippets_hub_person:list") in html


def test_site_settings_edit_view(admin_client, home):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    url = reverse("wagtailsettings:edit", args=("hub", "sitesettings", site.pk))
    assert admin_client.get(url).status_code == 200


def test_footer_shows_site_settings(client, home):
    from wagtail.models import Site

    from hub.models import SiteSettings, SocialLink

    settings_ = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings_.contact_email = "hej@example.org"
    settings_.footer_text_sv = "Svensk sidfot"
    settings_.footer_text_en = "English footer"
    settings_.save()
    SocialLink.objects.create(
        settings=settings_, name="Mastodon", url="https://social.example/@civictech"
    )
    sv = client.get("/").content.decode()
    assert "Svensk sidfot" in sv and "hej@example.org" in sv and "Mastodon" in sv
    assert "English footer" in client.get("/en/").content.decode()
