"""Which events a view of the calendar shows: the organiser, tag and kind filters, in one place.

The calendar page, every feed (`<page>calendar.ics`) and any other view of a selection of
events (embeds, JSON lists) read their filters with `EventFilter.from_query()`, narrow their
events with `EventFilter.apply()` and link to themselves with `EventFilter.query_string()`,
so that what a person sees is exactly what they subscribe to.

The parameters (each may be repeated, or hold several values separated by commas):

* `organiser`: the id of a page that hosts events (a local group, a lab): its events;
* `tag`: a tag's slug (taggit's, e.g. `öppna-data`): events with that tag;
* `kind`: `event`, `talk` or `lab` (see `EventQuerySet.of_kind`).

Several values of one parameter mean "any of them"; different parameters all apply
("the talks of Göteborg or Malmö tagged AI"). At most `MAX_VALUES` distinct values per
parameter. The canonical form (`query_string()`) lists the parameters in alphabetical
order, each value once, sorted (organisers by number), so caches hold one copy per
selection. Malformed values (not a number, not a slug, not a kind) and values beyond the
bound raise `InvalidFilter` in strict mode (feeds answer 400) and are dropped otherwise
(the calendar page ignores them).
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.models.querysets import KIND_EVENT, KIND_LAB, KIND_TALK

MAX_VALUES = 20
KINDS = (KIND_EVENT, KIND_TALK, KIND_LAB)
TAG_RE = re.compile(r"^[-\w]{1,100}$")
ORGANISER_RE = re.compile(r"^[0-9]{1,10}$")
KIND_LABELS = {
    KIND_EVENT: _("Events"),
    KIND_TALK: _("Expert talks"),
    KIND_LAB: _("Lab sessions"),
}


class InvalidFilter(ValueError):
    """A filter parameter that is malformed or has too many values (a 400 for feeds)."""


def _tag(value):
    value = value.lower()
    return value if TAG_RE.match(value) else None


def _organiser(value):
    return int(value) if ORGANISER_RE.match(value) else None


def _kind(value):
    value = value.lower()
    return value if value in KINDS else None


_PARSERS = {"kind": _kind, "organiser": _organiser, "tag": _tag}


def _values(query, name, strict):
    """The distinct valid values of parameter `name` in `query`, in their order."""
    parse = _PARSERS[name]
    found = []
    for raw in query.getlist(name):
        for part in raw.split(","):
            part = part.strip()
            if not part:
                continue
            value = parse(part)
            if value is None:
                if strict:
                    raise InvalidFilter(f"{name}: malformed value")
                continue
            if value in found:
                continue
            if len(found) == MAX_VALUES:
                if strict:
                    raise InvalidFilter(f"{name}: more than {MAX_VALUES} values")
                return found
            found.append(value)
    return found


@dataclass(frozen=True)
class EventFilter:
    """A selection of events by organiser pages (ids), tags (slugs) and kinds.

    Values are kept sorted and distinct, so equal selections are equal objects with the
    same `query_string()`. An empty filter selects everything.
    """

    organisers: tuple = ()
    tags: tuple = ()
    kinds: tuple = ()

    def __post_init__(self):
        # Canonical from the start: whoever builds a filter gets the same key for it.
        object.__setattr__(self, "organisers", tuple(sorted(set(self.organisers))))
        object.__setattr__(self, "tags", tuple(sorted(set(self.tags))))
        object.__setattr__(self, "kinds", tuple(k for k in KINDS if k in set(self.kinds)))

    @classmethod
    def from_query(cls, query, *, strict=False):
        """The filter in a QueryDict (e.g. `request.GET`); other parameters are ignored.

        `strict`: raise `InvalidFilter` for a malformed value or more than `MAX_VALUES`
        distinct values of a parameter; otherwise drop those (keeping the first ones).
        """
        return cls(
            organisers=_values(query, "organiser", strict),
            tags=_values(query, "tag", strict),
            kinds=_values(query, "kind", strict),
        )

    @property
    def is_empty(self):
        return not (self.organisers or self.tags or self.kinds)

    def __bool__(self):
        return not self.is_empty

    def params(self):
        """(name, value) pairs of the canonical query, as `query_string()` encodes them."""
        return (
            [("kind", kind) for kind in self.kinds]
            + [("organiser", str(pk)) for pk in self.organisers]
            + [("tag", tag) for tag in self.tags]
        )

    def query_string(self):
        """The canonical query string ("" for no filter), without the leading "?"."""
        return urlencode(self.params())

    def restricted_to(self, organisers=None, tags=None, kinds=None):
        """This filter without the values that are not in the given collections (None: keep
        all): the calendar page ignores organisers and topics it does not offer."""
        return EventFilter(
            organisers=[o for o in self.organisers if organisers is None or o in organisers],
            tags=[t for t in self.tags if tags is None or t in tags],
            kinds=[k for k in self.kinds if kinds is None or k in kinds],
        )

    def apply(self, events):
        """`events` (an EventQuerySet) narrowed to this selection, without running a query.

        Unknown organiser ids and tags match nothing: a feed of a tag nobody has used yet is
        an empty calendar, not the whole site.
        """
        from wagtail.models import Page

        from events.models import EventPage, EventPageTag

        if self.organisers:
            # Below any of the organiser pages: the organiser's path is a prefix of the
            # event's (what `descendant_of` does for one page), in a subquery.
            events = events.filter(
                Exists(
                    Page.objects.filter(
                        pk__in=self.organisers,
                        depth__lt=OuterRef("depth"),
                        path=Substr(OuterRef("path"), 1, Length("path")),
                    )
                )
            )
        if self.tags:
            events = events.filter(
                Exists(
                    EventPageTag.objects.filter(
                        content_object_id=OuterRef("pk"), tag__slug__in=self.tags
                    )
                )
            )
        if self.kinds and set(self.kinds) != set(KINDS):
            kinds = (Q(pk__in=EventPage.objects.of_kind(kind).values("pk")) for kind in self.kinds)
            events = events.filter(reduce(or_, kinds))
        return events


# --- names --------------------------------------------------------------------------------


def organiser_scope_names(ids):
    """{id: scope name} (`feed_scope_name()`, e.g. a group's city) of the organiser pages
    among `ids`: one query, plus one per page type, and none without ids."""
    from wagtail.models import Page

    if not ids:
        return {}
    pages = Page.objects.filter(pk__in=ids).specific()
    return {page.pk: page.feed_scope_name() for page in pages if hasattr(page, "feed_scope_name")}


def feed_name(
    site, scope, event_filter=None, *, organiser_names=None, tag_names=None, everything=False
):
    """The name of a feed in people's calendar apps, in the active language.

    "<site> – <scope>": `scope` is what the page's feed covers ("Göteborg"); `everything`
    says it is the whole calendar, whose scope ("all events") a filter's organisers or kinds
    replace. The filter's organisers (by `organiser_names`, {id: name}) take the place of
    the scope, its kinds follow in brackets and its tags (by `tag_names`, {slug: name})
    after a colon, each list by name: "Civic Tech Sweden – Göteborg, Malmö (Expert talks): AI".
    """
    event_filter = event_filter or EventFilter()
    organiser_names = organiser_names or {}
    tag_names = tag_names or {}
    # By name, as people read them (ids and slugs have no order that means anything).
    organisers = sorted(
        (organiser_names.get(pk, str(pk)) for pk in event_filter.organisers), key=str.casefold
    )
    tags = sorted((tag_names.get(tag, tag) for tag in event_filter.tags), key=str.casefold)
    kinds = [str(KIND_LABELS[kind]) for kind in event_filter.kinds]
    if organisers:
        scope = ", ".join(organisers)
    if kinds and everything and not organisers:
        scope = ", ".join(kinds)
    elif kinds:
        scope = f"{scope} ({', '.join(kinds)})"
    if tags:
        scope = f"{scope}: {', '.join(tags)}"
    return gettext("%(site)s – %(scope)s") % {"site": site, "scope": scope} if site else scope
