"""The news feed (Atom), per language."""

from django.contrib.syndication.views import Feed
from django.utils import translation
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
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def feed_extra_kwargs(self, obj):
        return {"language": translation.get_language()}
