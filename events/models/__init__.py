"""Events, expert talks, the calendar and the organiser contract.

`EventOrganiserMixin` is how other apps (labs) host events without `events` knowing them.
"""

from .events import EventExceptionDate, EventPage, EventPageTag, EventStatus
from .identity import mint_uid
from .indexes import CalendarPage, TalkIndexPage
from .organisers import CalendarFeedLink, EventOrganiserMixin
from .overrides import EventOccurrenceOverride
from .querysets import (
    KIND_EVENT,
    KIND_LAB,
    KIND_TALK,
    EventPageManager,
    EventQuerySet,
    Occurrence,
    attach_organisers,
    organiser_models,
)
from .rate_limits import SuggestionRateCount as SuggestionRateCount
from .suggestions import EventSuggestion as EventSuggestion
from .talks import TalkPage, TalkSpeaker

__all__ = [
    "KIND_EVENT",
    "KIND_LAB",
    "KIND_TALK",
    "CalendarFeedLink",
    "CalendarPage",
    "EventExceptionDate",
    "EventOccurrenceOverride",
    "EventOrganiserMixin",
    "EventPage",
    "EventPageManager",
    "EventPageTag",
    "EventQuerySet",
    "EventStatus",
    "Occurrence",
    "TalkIndexPage",
    "TalkPage",
    "TalkSpeaker",
    "attach_organisers",
    "mint_uid",
    "organiser_models",
]
