"""The news feed (Atom), per language."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from hub.models import NewsPage
from hub.text import xml_text


def _xml_safe(value):
    """`value` with control characters removed from its text (lists and tuples item by item);
    other values (dates, enclosures) unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, (list, tuple)):
        return type(value)(_xml_safe(item) for item in value)
    return value


class CleanAtom1Feed(Atom1Feed):
    """Atom whose every text passes through `xml_text`: Django's XML writer refuses control
    characters (a vertical tab pasted into a news introduction took the feed down)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_xml_safe, args), **{k: _xml_safe(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_xml_safe, args), **{k: _xml_safe(v) for k, v in kwargs.items()})


class NewsFeed(Feed):
    feed_type = CleanAtom1Feed

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return Locale.get_active()

    def title(self, locale):
        return _("Civic Tech Sweden: news")

    def subtitle(self, locale):
        return _("News from the Swedish civic tech network")

    def link(self, locale):
        site = Site.find_for_request(self.request)
        root = site.root_page.localized if site else None
        return root.url if root else "/"

    def items(self, locale):
        # Django's Feed sets the feed's language from the active one (sv or en).
        return (
            NewsPage.objects.live()
            .public()
            .filter(locale=locale)
            .order_by("-date", "-pk")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.introduction or item.search_description

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        # The editor's date is the publication date; a news item may be published ahead.
        return timezone.make_aware(datetime.combine(item.date, time(9, 0)))

    def item_updateddate(self, item):
        return item.last_published_at
