"""Where a group's editors start in the admin: their group's Swedish page.

Wagtail starts the explorer and the page chooser at the nearest common ancestor of the pages
a user has permissions on. An editors group holds them on its group's page in every language,
so that ancestor is the tree's root ("Root"), above both home pages. Here the menu's
"Pages" and the page chooser (opened without a parent, e.g. a new link in rich text) start at
the group's Swedish page instead. The explorer's own rules are left alone, so the English
page stays reachable. Coordinators and everybody else keep Wagtail's start.
"""

from django.urls import reverse
from wagtail.admin.ui.sidebar import PageExplorerMenuItem as PageExplorerMenuItemComponent
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.wagtail_hooks import ExplorerMenuItem
from wagtail.models import Page

from hub.permissions import is_coordinator
from labs.dashboard import editor_groups


def explorer_start(user):
    """Where a group's editor starts exploring: their group's Swedish page (with several
    groups, the pages' nearest common ancestor); None for coordinators and other users, who
    keep Wagtail's start (the common ancestor of their permissions, i.e. the tree's root for
    editors of a group in two languages)."""
    if is_coordinator(user):
        return None
    mains = [group["main"] for group in editor_groups(user)]
    if not mains:
        return None
    if len(mains) == 1:
        return mains[0]
    return Page.objects.first_common_ancestor_of(mains, include_self=True, strict=True)


class GroupExplorerMenuItem(ExplorerMenuItem):
    """The menu's "Pages" opening at `start_page`."""

    def __init__(self, item, start_page):
        super().__init__(
            item.label,
            reverse("wagtailadmin_explore", args=[start_page.pk]),
            name=item.name,
            icon_name=item.icon_name,
            classname=item.classname,
            order=item.order,
        )
        self.start_page = start_page

    def render_component(self, request):
        return PageExplorerMenuItemComponent(
            self.name,
            self.label,
            self.url,
            self.start_page.pk,
            icon_name=self.icon_name,
            classname=self.classname,
        )


def start_explorer_at_group(request, menu_items):
    """construct_main_menu: a group's editor's "Pages" opens at their group."""
    start = None
    for index, item in enumerate(menu_items):
        if item.name == "explorer" and isinstance(item, ExplorerMenuItem):
            start = start or explorer_start(request.user)
            if start is None:
                return
            menu_items[index] = GroupExplorerMenuItem(item, start)


class GroupStartBrowseView(BrowseView):
    """Wagtail's page chooser, opening at the editor's group when no parent is asked for and
    any page type may be chosen (for specific types Wagtail's own start already fits)."""

    def get(self, request, parent_page_id=None):
        page_type = request.GET.get("page_type") or "wagtailcore.page"
        if parent_page_id is None and page_type == "wagtailcore.page":
            start = explorer_start(request.user)
            if start is not None:
                parent_page_id = start.pk
        return super().get(request, parent_page_id)
