"""Page querysets that filter out private sections inside the listing's own query."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def private_condition(path="path"):
    """True for a page in a private section: a view restriction on it or on an ancestor.

    Wagtail's `public()` first loads every restriction (one query each time it is called)
    and then excludes each restricted subtree; this asks the same question as a subquery of
    the listing, so a page that lists several kinds of content makes no extra queries.
    """
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef(path), 1, Length("page__path"))
        )
    )


class HubPageQuerySet(PageQuerySet):
    def public(self):
        """Pages outside private sections, without a separate query (see private_condition)."""
        return self.exclude(private_condition())


HubPageManager = PageManager.from_queryset(HubPageQuerySet)


def language_codes(request=None):
    """{locale id: language code}, read once per request (a sitemap asks for every page)."""
    from wagtail.models import Locale

    codes = getattr(request, "_hub_language_codes", None)
    if codes is None:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        if request is not None:
            request._hub_language_codes = codes
    return codes
