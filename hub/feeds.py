"""The news feed (Atom), per language."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from hub.models import NewsPage


class NewsFeed(Feed):
    feed_type = Atom1Feed

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
