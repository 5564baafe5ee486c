"""What the calendar and talks pages show: filtered occurrences, pages of them, a month grid.

Everything here runs in a constant number of queries whatever the number of events: one
query for the events and a few for their tags, exception dates and organisers
(`EventQuerySet.in_window`), plus one each for the filter choices.
"""

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page

from events.forms import CalendarFilterForm
from events.localtime import local_today, start_of_day
from events.models.querysets import KIND_EVENT, KIND_LAB, KIND_TALK, organiser_content_types

AGENDA_HORIZON = dt.timedelta(days=366)
KIND_CHOICES = [
    (KIND_EVENT, _("Events")),
    (KIND_TALK, _("Expert talks")),
    (KIND_LAB, _("Lab sessions")),
]


def paginate_list(request, items, per_page):
    """A page of a list; malformed or out-of-range page numbers fall back sensibly."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get("page"))


def tag_choices(events):
    """(slug, name) of the tags used by `events`, in one query."""
    return list(
        Tag.objects.filter(events_eventpagetag_items__content_object__in=events.values("pk"))
        .distinct()
        .order_by("name")
        .values_list("slug", "name")
    )


def organiser_choices(locale_id, exclude=None):
    """(id, title) of the live organiser pages (groups, labs, ...) in a language."""
    types = organiser_content_types(exclude_kinds=("calendar", "talks"))
    pages = Page.objects.live().filter(locale_id=locale_id, content_type__in=types)
    if exclude is not None:
        pages = pages.exclude(pk=exclude.pk)
    return list(pages.order_by("title").values_list("pk", "title"))


@dataclass
class MonthDay:
    date: dt.date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)


@dataclass
class MonthGrid:
    month: dt.date
    weeks: list
    previous: dt.date
    next: dt.date

    @property
    def previous_param(self):
        return self.previous.strftime("%Y-%m")

    @property
    def next_param(self):
        return self.next.strftime("%Y-%m")

    @property
    def weekday_names(self):
        from django.utils.formats import date_format

        monday = self.weeks[0][0].date
        return [
            (date_format(day, "l"), date_format(day, "D"))
            for day in (monday + dt.timedelta(days=i) for i in range(7))
        ]


def _add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_bounds(month):
    first = month.replace(day=1)
    return start_of_day(first), start_of_day(_add_months(first, 1))


def month_grid(month, occurrences, today=None):
    """Weeks (Monday first) of the month, each day with the occurrences touching it."""
    today = today or local_today()
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month):
        weeks.append([MonthDay(day, day.month == month.month, day == today) for day in week])
    by_day = {day.date: day for week in weeks for day in week}
    for occurrence in occurrences:
        for day in occurrence.days():
            if day in by_day:
                by_day[day].occurrences.append(occurrence)
    return MonthGrid(month, weeks, _add_months(month, -1), _add_months(month, 1))


def calendar_listing(page, request, now=None):
    """Context for the calendar page: filters, the agenda page or the month grid."""
    now = now or timezone.now()
    base = page.feed_events()
    form = CalendarFilterForm(
        request.GET,
        tags=tag_choices(base),
        kinds=KIND_CHOICES,
        organisers=organiser_choices(page.locale_id, exclude=page),
    )
    events = base
    tag = form.value("tag")
    if tag:
        events = events.tagged(tag)
    kind = form.value("kind")
    if kind:
        events = events.of_kind(kind)
    organiser_id = form.value("organiser")
    organiser = None
    if organiser_id:
        organiser = Page.objects.filter(pk=organiser_id).first()
        if organiser is not None:
            events = events.organised_by(organiser)

    view = form.value("view", CalendarFilterForm.VIEW_LIST)
    when = form.value("when", CalendarFilterForm.WHEN_UPCOMING)
    context = {
        "filter_form": form,
        "view": view,
        "when": when,
        "active_tag": tag,
        "active_tag_name": dict(form.fields["tag"].choices).get(tag) if tag else None,
        "filtered": bool(tag or kind or organiser),
    }
    if tag:
        context["calendar_feed"] = page.feed_link(
            request, tag=tag, tag_name=context["active_tag_name"]
        )
    if view == CalendarFilterForm.VIEW_MONTH:
        month = form.value("month") or local_today(now).replace(day=1)
        start, end = month_bounds(month)
        context["month"] = month_grid(month, events.in_window(start, end))
        return context
    if when == CalendarFilterForm.WHEN_PAST:
        occurrences = events.in_window(now - AGENDA_HORIZON, now)
        occurrences = [o for o in occurrences if o.end <= now]
        occurrences.reverse()
        context["window_start"] = now - AGENDA_HORIZON
    else:
        occurrences = events.in_window(now, now + AGENDA_HORIZON)
        context["window_end"] = now + AGENDA_HORIZON
    context["occurrences"] = paginate_list(request, occurrences, page.page_size)
    return context


def talk_listing(page, request, now=None):
    """Context for the talks index: upcoming talks, then past talks a page at a time."""
    now = now or timezone.now()
    occurrences = page.talks().in_window(None, now + AGENDA_HORIZON)
    upcoming = [occurrence for occurrence in occurrences if occurrence.end > now]
    past = [occurrence for occurrence in reversed(occurrences) if occurrence.end <= now]
    return {
        "upcoming_talks": upcoming,
        "past_talks": paginate_list(request, past, page.page_size),
    }
