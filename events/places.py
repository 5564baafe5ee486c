"""Known places for the event editor: where this organiser met before, and organisers' positions.

Choosing one fills venue, address and map position, so editors need not type coordinates.
Events know nothing of labs: an organiser's position is read from any organiser page type
that has `latitude` and `longitude` fields. Partner pages have no address or position, so
they offer none. A few queries in all, however many events and organisers there are.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext

from .models.querysets import organiser_models

#: How many earlier venues of the organiser are offered (the most recent first).
EARLIER_VENUES = 20


@dataclass(frozen=True)
class KnownPlace:
    """A place to choose from; `key` is the value posted by the select."""

    key: str
    label: str
    venue_name: str = ""
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def _has_coordinates(model):
    try:
        model._meta.get_field("latitude")
        model._meta.get_field("longitude")
    except FieldDoesNotExist:
        return False
    return True


def earlier_venues(parent, exclude_pk=None):
    """Distinct venues of the events under `parent`, most recently used first."""
    from .models import EventPage

    if parent is None:
        return []
    rows = (
        EventPage.objects.child_of(parent)
        .exclude(venue_name="", address="")
        .exclude(pk=exclude_pk)
        .order_by("-start_date", "-pk")
        .values_list("pk", "venue_name", "address", "latitude", "longitude")[:200]
    )
    places, seen = [], set()
    for pk, venue, address, lat, lon in rows:
        identity = (venue.strip().casefold(), " ".join(address.split()).casefold())
        if identity in seen:
            continue
        seen.add(identity)
        label = ", ".join(p for p in (venue, " ".join(address.split())) if p)
        places.append(KnownPlace(f"event:{pk}", label, venue, address, lat, lon))
        if len(places) == EARLIER_VENUES:
            break
    return places


def organiser_positions(locale_id=None):
    """Every organiser page with a map position, by title (one query per such page type)."""
    places = []
    for model in organiser_models():
        if not _has_coordinates(model):
            continue
        pages = model.objects.exclude(latitude=None).exclude(longitude=None)
        if locale_id is not None:
            pages = pages.filter(locale_id=locale_id)
        for pk, title, lat, lon in pages.values_list("pk", "title", "latitude", "longitude"):
            label = gettext("%(organiser)s (its map position)") % {"organiser": title}
            places.append(KnownPlace(f"page:{pk}", label, latitude=lat, longitude=lon))
    return sorted(places, key=lambda place: place.label.casefold())


def known_places(parent, exclude_pk=None):
    """[(group label, [KnownPlace, ...]), ...] for the event editor's select; empty groups
    are left out."""
    locale_id = getattr(parent, "locale_id", None)
    groups = [
        (gettext("Where this organiser met before"), earlier_venues(parent, exclude_pk)),
        (gettext("Organisers"), organiser_positions(locale_id)),
    ]
    return [(label, places) for label, places in groups if places]
