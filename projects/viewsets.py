"""Admin for the projects app's snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import FundingCall


class FundingCallViewSet(SnippetViewSet):
    model = FundingCall
    icon = "tag"
    menu_label = _("Funding calls")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "funder", "year", Column("projects_count", label=_("Projects"))]
    list_filter = ["funder", "year"]
    ordering = ["-year", "funder", "name"]

    def get_queryset(self, request):
        from django.db.models import Count

        return FundingCall.objects.annotate(projects_count=Count("projects"))
