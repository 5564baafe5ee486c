"""Admin configuration for the hub's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from hub.models import Person, TagLabel


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 250
    add_to_admin_menu = True
    list_display = [
        "name",
        "role",
        "organisation",
        BooleanColumn("show_email", label=_("Email shown")),
    ]
    list_filter = ["show_email", "organisation_page"]
    # Search goes through Person.search_fields (the search index): name, role, organisation.
    ordering = ["name"]
    list_per_page = 50
    copy_view_enabled = False


class TagLabelViewSet(SnippetViewSet):
    """The shared tags' English names ("Ämnen" in the Swedish admin)."""

    model = TagLabel
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["tag", "name_en"]
    ordering = ["tag__name"]
    list_per_page = 100
    copy_view_enabled = False
