"""Where labs pages may live, and creating a group through the admin form."""

from decimal import Decimal

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from hub.factories import PersonFactory
from hub.models import HomePage, StandardPage
from hub.setup import ensure_home_pages
from labs.factories import LabIndexPageFactory, LocalGroupIndexPageFactory
from labs.models import LabIndexPage, LabPage, LocalGroupIndexPage, LocalGroupPage


class TestPageTree(WagtailPageTestCase):
    def test_group_index_lives_below_home_and_holds_groups(self):
        self.assertAllowedParentPageTypes(LocalGroupIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(LocalGroupIndexPage, {LocalGroupPage})
        self.assertAllowedParentPageTypes(LocalGroupPage, {LocalGroupIndexPage})
        self.assertCanNotCreateAt(HomePage, LocalGroupPage)
        self.assertCanNotCreateAt(StandardPage, LocalGroupIndexPage)

    def test_group_holds_only_events(self):
        from events.models import EventPage

        self.assertAllowedSubpageTypes(LocalGroupPage, {EventPage})

    def test_lab_index_lives_below_home_and_holds_labs(self):
        self.assertAllowedParentPageTypes(LabIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(LabIndexPage, {LabPage})
        self.assertAllowedParentPageTypes(LabPage, {LabIndexPage})
        self.assertCanNotCreateAt(HomePage, LabPage)

    def test_lab_holds_events_and_talks(self):
        from events.models import EventPage, TalkPage

        self.assertAllowedSubpageTypes(LabPage, {EventPage, TalkPage})

    def test_events_may_be_created_below_groups_and_labs(self):
        from events.models import EventPage, TalkPage

        self.assertCanCreateAt(LocalGroupPage, EventPage)
        self.assertCanCreateAt(LabPage, EventPage)
        self.assertCanCreateAt(LabPage, TalkPage)
        self.assertCanNotCreateAt(LocalGroupPage, TalkPage)

    def test_indexes_are_one_per_language_tree(self):
        home, home_en = ensure_home_pages()
        LocalGroupIndexPageFactory(parent=home)
        LabIndexPageFactory(parent=home)
        assert not LocalGroupIndexPage.can_create_at(home)
        assert not LabIndexPage.can_create_at(home)
        # The English tree gets its own (normally the translation of the Swedish one).
        assert LocalGroupIndexPage.can_create_at(home_en)
        assert LabIndexPage.can_create_at(home_en)

    def test_home_page_offers_the_labs_indexes(self):
        home, _en = ensure_home_pages()
        assert LocalGroupIndexPage.can_create_at(home)
        assert LabIndexPage.can_create_at(home)


class TestCreateGroupInAdmin(WagtailPageTestCase):
    def setUp(self):
        self.home, _en = ensure_home_pages()
        self.index = LocalGroupIndexPageFactory(parent=self.home)
        self.person = PersonFactory(name="Ada Organisatör")
        self.login()

    def form_data(self, **overrides):
        data = {
            "title": "Civic Tech Umeå",
            "slug": "umea",
            "city": "Umeå",
            "region": "AC",
            "latitude": "63.82584",
            "longitude": "20.26304",
            "introduction": "Vi ses på biblioteket.",
            "body": streamfield([("heading", {"text": "Om oss", "level": "h2"})]),
            "organisers": inline_formset(
                [{"person": self.person.pk, "role": "host", "is_contact": "on"}]
            ),
            "contact_email": "umea@example.org",
            "chat_link": "https://chat.example.org/umea",
            "partners": inline_formset([]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_editor_creates_a_group_and_everything_is_saved(self):
        self.assertCanCreate(self.index, LocalGroupPage, self.form_data())
        group = LocalGroupPage.objects.get(slug="umea")
        assert group.live
        assert group.region == "AC"
        assert (group.latitude, group.longitude) == (Decimal("63.82584"), Decimal("20.26304"))
        assert [b.block_type for b in group.body] == ["heading"]
        organiser = group.organisers.get()
        assert (organiser.person, organiser.role, organiser.is_contact) == (
            self.person,
            "host",
            True,
        )

    def test_coordinates_outside_sweden_show_a_clear_form_error(self):
        from django.urls import reverse

        url = reverse("wagtailadmin_pages:add", args=["labs", "localgrouppage", self.index.pk])
        data = self.form_data(latitude="59.91390", longitude="10.75220")  # Oslo
        data["action-publish"] = "action-publish"
        response = self.client.post(url, data)
        assert response.status_code == 200
        errors = response.context["form"].errors
        # The admin speaks Swedish (the site's default language).
        assert "inom Sverige" in " ".join(errors["longitude"])
        assert not Page.objects.filter(slug="umea").exists()
