"""What the calendar and talks pages show: filtered occurrences, pages of them, a month grid,
and the archive of past events (`past_archive`), which the organiser pages use too.

Everything here runs in a constant number of queries whatever the number of events: one
query for the events and a few for their tags, exception dates and organisers
(`EventQuerySet.in_window`), plus one each for the filter choices.
"""

import calendar as pycalendar
import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.models import Page

from events.filters import KIND_LABELS, EventFilter, organiser_scope_names
from events.forms import CalendarFilterForm
from events.localtime import local_today, start_of_day
from events.models.querysets import (
    KIND_LAB,
    organiser_content_types,
    organiser_models,
)
from hub.tags import labelled_choices

AGENDA_HORIZON = dt.timedelta(days=366)
ARCHIVE_PAGE_SIZE = 20
YEAR_RE = re.compile(r"[0-9]{4}")
KIND_CHOICES = list(KIND_LABELS.items())


def paginate_list(request, items, per_page):
    """A page of a list; malformed or out-of-range page numbers fall back sensibly."""
    paginator = Paginator(items, per_page)
    return paginator.get_page(request.GET.get("page"))


def tag_choices(events):
    """(slug, name) of the tags used by `events`, named in the active language, in one
    query."""
    return labelled_choices(
        Tag.objects.filter(events_eventpagetag_items__content_object__in=events.values("pk"))
        .distinct()
        .order_by("name")
        .values_list("slug", "name", "label__name_en")
    )


@dataclass(frozen=True)
class OrganiserChoice:
    pk: int
    title: str
    kind: str  # the page type's organiser_kind: "group", "lab", ...


def organiser_choices(locale_id, exclude=None):
    """The live organiser pages (groups, labs, ...) in a language, by title, in one query
    (`OrganiserChoice`: pk, title, kind)."""
    types = organiser_content_types(exclude_kinds=("calendar", "talks"))
    kinds = {
        ContentType.objects.get_for_model(model).pk: model.organiser_kind
        for model in organiser_models()
    }
    pages = Page.objects.live().filter(locale_id=locale_id, content_type__in=types)
    if exclude is not None:
        pages = pages.exclude(pk=exclude.pk)
    rows = pages.order_by("title").values_list("pk", "title", "content_type_id")
    return [OrganiserChoice(pk, title, kinds.get(type_id, "")) for pk, title, type_id in rows]


@dataclass
class EventArchive:
    """Past sittings, one year at a time and a page at a time within the year.

    `years` are the years that have past sittings, most recent first; `year` is the one
    shown (None when there are none); `occurrences` a paginator page of its sittings,
    most recent first.
    """

    years: list
    year: int | None
    occurrences: object

    def query(self, with_page=True, **params):
        """The query string that addresses this year and page, with `params` before it (a
        list value repeats the parameter). The most recent year is the archive's default,
        so it is left out."""
        pairs = []
        for key, value in params.items():
            for item in value if isinstance(value, list | tuple) else [value]:
                if item not in (None, ""):
                    pairs.append((key, item))
        if self.year is not None and self.year != self.years[0]:
            pairs.append(("year", self.year))
        if with_page and self.occurrences.number > 1:
            pairs.append(("page", self.occurrences.number))
        return urlencode(pairs)


def requested_year(request, years):
    """The `year` asked for if it has past events; otherwise the most recent one."""
    value = request.GET.get("year", "")
    if YEAR_RE.fullmatch(value) and int(value) in years:
        return int(value)
    return years[0] if years else None


def past_archive(events, request, per_page=ARCHIVE_PAGE_SIZE, now=None, organisers=True):
    """The archive of `events` (an EventQuerySet) for `?year=` and `?page=` of `request`.

    Only the chosen year's events are read, so a page costs the same whatever the size of
    the archive: one query for the years, then `in_window` for the year.
    """
    now = now or timezone.now()
    years = events.archive_years(now)
    year = requested_year(request, years)
    occurrences = []
    if year is not None:
        start = start_of_day(dt.date(year, 1, 1))
        end = min(start_of_day(dt.date(year + 1, 1, 1)), now)
        occurrences = [
            o
            for o in events.in_window(start, end, organisers=organisers)
            if o.start >= start and o.end <= now
        ]
        occurrences.reverse()
    return EventArchive(years, year, paginate_list(request, occurrences, per_page))


def archive_heading(name):
    return _("Past events: %(name)s") % {"name": name}


def archive_title(archive, name, talks=False):
    """The <title> of a view of an archive: its year, the organiser's `name`, the page."""
    if archive.year is None:
        title = _("Past talks: %(name)s") if talks else _("Past events: %(name)s")
        title = title % {"name": name}
    else:
        title = _("Past talks %(year)s: %(name)s") if talks else _("Past events %(year)s: %(name)s")
        title = title % {"year": str(archive.year), "name": name}
    if archive.occurrences.number > 1:
        title = _("%(title)s (page %(number)s)") % {
            "title": title,
            "number": archive.occurrences.number,
        }
    return title


def archive_links(page, request, address, canonical_query, alternate_query=None):
    """(canonical URL, {language code: URL}) of an archive view of `page`.

    `address(translation)` is the view's absolute address on `page` or on one of its live
    translations ("" if it has none); the canonical address gets `canonical_query`, the
    other languages' `alternate_query` (default: the same). One query, for the translations.
    """
    alternate_query = canonical_query if alternate_query is None else alternate_query
    alternates = {}
    canonical = ""
    for translation in page.get_translations(inclusive=True).live().select_related("locale"):
        url = address(translation)
        if not url:
            continue
        alternates[translation.locale.language_code] = _with_query(url, alternate_query)
        if translation.pk == page.pk:
            canonical = _with_query(url, canonical_query)
    return canonical, alternates


def _with_query(url, query):
    return f"{url}?{query}" if query else url


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


def calendar_filter(request, tags, organisers):
    """The page's `EventFilter`: the query's, without what the page does not offer (unknown
    topics and organisers, malformed values, values beyond the bound are ignored)."""
    return EventFilter.from_query(request.GET).restricted_to(
        organisers={o.pk for o in organisers}, tags={slug for slug, _name in tags}
    )


def filter_builder(event_filter, tags, organisers):
    """The "build your own calendar" form's choices, ticked as in `event_filter`: groups,
    labs, topics and kinds, each a list of (value, label, checked)."""
    groups = [o for o in organisers if o.kind != KIND_LAB]
    labs = [o for o in organisers if o.kind == KIND_LAB]
    return {
        "groups": [(o.pk, o.title, o.pk in event_filter.organisers) for o in groups],
        "labs": [(o.pk, o.title, o.pk in event_filter.organisers) for o in labs],
        "topics": [(slug, name, slug in event_filter.tags) for slug, name in tags],
        "kinds": [(kind, label, kind in event_filter.kinds) for kind, label in KIND_CHOICES],
    }


def _form_data(request, event_filter):
    # The select fields show the filter as read (canonical, unknown values dropped).
    data = request.GET.copy()
    for name, values in (
        ("organiser", event_filter.organisers),
        ("tag", event_filter.tags),
        ("kind", event_filter.kinds),
    ):
        data.setlist(name, [str(value) for value in values])
    return data


def calendar_listing(page, request, now=None):
    """Context for the calendar page: filters, the agenda page or the month grid, and the
    feed of exactly what is shown."""
    now = now or timezone.now()
    base = page.feed_events()
    tags = tag_choices(base)
    organisers = organiser_choices(page.locale_id, exclude=page)
    event_filter = calendar_filter(request, tags, organisers)
    form = CalendarFilterForm(
        _form_data(request, event_filter),
        tags=tags,
        kinds=KIND_CHOICES,
        organisers=[(o.pk, o.title) for o in organisers],
    )
    events = event_filter.apply(base)
    tag_names = dict(tags)
    titles = {o.pk: o.title for o in organisers}
    context = {
        "filter_form": form,
        "event_filter": event_filter,
        "active_tag_name": ", ".join(tag_names[t] for t in event_filter.tags) or None,
        "active_organisers": [titles[pk] for pk in event_filter.organisers],
        "active_tags": [tag_names[t] for t in event_filter.tags],
        "active_kinds": [str(KIND_LABELS[k]) for k in event_filter.kinds],
        "filtered": bool(event_filter),
        "builder": filter_builder(event_filter, tags, organisers),
    }
    if event_filter:
        context["calendar_feed"] = page.feed_link(
            request,
            event_filter,
            organiser_names=organiser_scope_names(event_filter.organisers),
            tag_names=tag_names,
        )
    view = form.value("view", CalendarFilterForm.VIEW_LIST)
    when = form.value("when", CalendarFilterForm.WHEN_UPCOMING)
    context["view"] = view
    context["when"] = when
    if view == CalendarFilterForm.VIEW_MONTH:
        month = form.value("month") or local_today(now).replace(day=1)
        start, end = month_bounds(month)
        context["month"] = month_grid(month, events.in_window(start, end))
        return context
    if when == CalendarFilterForm.WHEN_PAST:
        archive = past_archive(events, request, page.page_size, now)
        context["archive"] = archive
        context["archive_title"] = archive_title(archive, page.title)
        context["occurrences"] = archive.occurrences
        # Filters are views of the same archive: the canonical address is the unfiltered
        # year (with its page number only when unfiltered). The other language's calendar
        # gets the same filters except the organiser, whose page differs per language.
        when_past = {"when": CalendarFilterForm.WHEN_PAST}
        canonical_query = archive.query(with_page=not context["filtered"], **when_past)
        context["canonical"], context["alternate_urls"] = archive_links(
            page,
            request,
            lambda p: p.get_full_url(request) or "",
            canonical_query,
            archive.query(**when_past, tag=event_filter.tags, kind=event_filter.kinds),
        )
        return context
    occurrences = events.in_window(now, now + AGENDA_HORIZON)
    context["window_end"] = now + AGENDA_HORIZON
    context["occurrences"] = paginate_list(request, occurrences, page.page_size)
    return context


def talk_listing(page, request, now=None):
    """Context for the talks index: upcoming talks, then the archive of past talks (a year
    and a page at a time, as on the calendar and the organiser pages)."""
    now = now or timezone.now()
    talks = page.talks()
    # The talk list names speakers, not organisers: none are attached.
    archive = past_archive(talks, request, page.page_size, now, organisers=False)
    upcoming = talks.upcoming(now).in_window(now, now + AGENDA_HORIZON, organisers=False)
    context = {
        "upcoming_talks": upcoming,
        "past_talks": archive.occurrences,
        "archive": archive,
    }
    if request.GET.get("year") or request.GET.get("page"):
        # A year or page of the archive is a page of its own for search engines.
        context["archive_title"] = archive_title(archive, page.title, talks=True)
        context["canonical"], context["alternate_urls"] = archive_links(
            page, request, lambda p: p.get_full_url(request) or "", archive.query()
        )
    return context
