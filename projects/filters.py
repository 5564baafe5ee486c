"""Faceted filters for the project index and the results catalogue.

Filters arrive as GET parameters from a plain form, so they work without JavaScript
and every filtered view has a shareable address. Values that are malformed or name
nothing that exists are ignored (never an error). Each option carries the number of
matches it would give combined with the other active filters ("faceted" counts); all
counts come from a fixed number of aggregate queries, whatever the number of projects.
"""

import re
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.tags import shown_name, sorted_for_language

from .choices import ProjectStatus, Region, ResultType

SLUG_RE = re.compile(r"^[-\w]{1,100}$")
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    name: str
    label: str
    all_label: str
    options: list

    @property
    def selected(self):
        return next((option for option in self.options if option.selected), None)


def _clean_choice(value, choices):
    return value if value in choices else None


def _clean_slug(value):
    return value if value and SLUG_RE.match(value) else None


def _clean_int(value, low, high):
    if not value or not value.isdigit() or len(value) > 10:
        return None
    number = int(value)
    return number if low <= number <= high else None


def call_label(funder, name, name_en, year):
    from django.utils import translation

    if name_en and translation.get_language() == "en":
        name = name_en
    return f"{funder}: {name} ({year})"


class BaseFilter:
    """Parse GET parameters, apply them, and count options per facet."""

    facet_names = ()

    def __init__(self, params, queryset):
        self.queryset = queryset
        self.values = self.parse(params)
        self.facets = self._facets_with_known_values()

    def parse(self, params):
        raise NotImplementedError

    def apply(self, queryset, exclude=None):
        raise NotImplementedError

    def build_facets(self):
        raise NotImplementedError

    def _facets_with_known_values(self):
        facets = self.build_facets()
        # A well-formed value that names nothing (a deleted theme, say) is dropped, so
        # that the form and the results agree; this happens at most once per request.
        unknown = [
            facet.name
            for facet in facets
            if facet.name in self.values and facet.selected is None
        ]
        if unknown:
            for name in unknown:
                del self.values[name]
            facets = self.build_facets()
        return facets

    def others(self, facet_name):
        """Primary keys matching every active filter but `facet_name`'s, as a subquery."""
        return self.apply(self.queryset, exclude=facet_name).order_by().values("pk")

    def filtered(self):
        return self.apply(self.queryset)

    @property
    def is_active(self):
        return bool(self.values)

    def facet(self, name):
        return next(facet for facet in self.facets if facet.name == name)


class ProjectFilter(BaseFilter):
    """Status, theme, funding call, year (active during) and region of projects."""

    facet_names = ("status", "theme", "call", "year", "region")

    def __init__(self, params, queryset, today=None):
        self.today = today or timezone.localdate()
        super().__init__(params, queryset)

    def parse(self, params):
        values = {
            "status": _clean_choice(params.get("status"), ProjectStatus.values),
            "theme": _clean_slug(params.get("theme")),
            "call": _clean_int(params.get("call"), 1, 2**31 - 1),
            "year": _clean_int(params.get("year"), MIN_YEAR, MAX_YEAR),
            "region": _clean_choice(params.get("region"), Region.values),
        }
        return {name: value for name, value in values.items() if value is not None}

    def apply(self, queryset, exclude=None):
        values = {name: value for name, value in self.values.items() if name != exclude}
        if "status" in values:
            queryset = queryset.with_status_in(values["status"], self.today)
        if "theme" in values:
            queryset = queryset.filter(tagged_items__tag__slug=values["theme"])
        if "call" in values:
            queryset = queryset.filter(funding_call_id=values["call"])
        if "year" in values:
            queryset = queryset.active_in_year(values["year"])
        if "region" in values:
            queryset = queryset.filter(region=values["region"])
        return queryset

    def _count(self, facet_name):
        return Count("pk", filter=Q(pk__in=self.others(facet_name)))

    def _option(self, facet_name, value, label, count):
        return Option(str(value), label, count, self.values.get(facet_name) == value)

    def build_facets(self):
        return [
            Facet("status", _("Status"), _("Any status"), self._status_options()),
            Facet("theme", _("Theme"), _("All themes"), self._theme_options()),
            Facet("call", _("Funding call"), _("All funding calls"), self._call_options()),
            Facet("year", _("Active in year"), _("Any year"), self._year_options()),
            Facet("region", _("Region"), _("All regions"), self._region_options()),
        ]

    def _status_options(self):
        counts = dict(
            self.queryset.with_status(self.today)
            .order_by()
            .values_list("current_status")
            .annotate(n=self._count("status"))
        )
        return [
            self._option("status", value, label, counts.get(value, 0))
            for value, label in ProjectStatus.choices
        ]

    def _theme_options(self):
        from .models import ProjectPageTag

        rows = (
            ProjectPageTag.objects.filter(content_object__in=self.queryset.order_by().values("pk"))
            .values_list("tag__slug", "tag__name", "tag__label__name_en")
            .annotate(n=Count("pk", filter=Q(content_object__in=self.others("theme"))))
            .order_by("tag__name")
        )
        options = [
            self._option("theme", slug, shown_name(name, name_en), n)
            for slug, name, name_en, n in rows
        ]
        return sorted_for_language(options)

    def _call_options(self):
        rows = (
            self.queryset.filter(funding_call__isnull=False)
            .order_by()
            .values_list(
                "funding_call",
                "funding_call__funder",
                "funding_call__name",
                "funding_call__name_en",
                "funding_call__year",
            )
            .annotate(n=self._count("call"))
            .order_by("-funding_call__year", "funding_call__funder", "funding_call__name")
        )
        return [
            self._option("call", pk, call_label(funder, name, name_en, year), n)
            for pk, funder, name, name_en, year, n in rows
        ]

    def _year_options(self):
        # One row per dated project: the years it was active are counted in Python.
        rows = (
            self.queryset.filter(start_date__isnull=False)
            .annotate(
                matches=Case(
                    When(pk__in=self.others("year"), then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by()
            .values_list("start_date", "end_date", "matches")
        )
        counts = {}
        for start, end, matches in rows:
            last = end.year if end else max(start.year, self.today.year)
            for year in range(max(start.year, MIN_YEAR), min(last, MAX_YEAR) + 1):
                counts[year] = counts.get(year, 0) + matches
        return [
            self._option("year", year, str(year), counts[year])
            for year in sorted(counts, reverse=True)
        ]

    def _region_options(self):
        counts = dict(
            self.queryset.exclude(region="")
            .order_by()
            .values_list("region")
            .annotate(n=self._count("region"))
        )
        return [
            self._option("region", value, label, counts[value])
            for value, label in Region.choices
            if value in counts
        ]


class ResultFilter(BaseFilter):
    """Type and theme of results in the catalogue (`queryset` is of ProjectResult)."""

    facet_names = ("type", "theme")

    def parse(self, params):
        values = {
            "type": _clean_choice(params.get("type"), ResultType.values),
            "theme": _clean_slug(params.get("theme")),
        }
        return {name: value for name, value in values.items() if value is not None}

    def apply(self, queryset, exclude=None):
        values = {name: value for name, value in self.values.items() if name != exclude}
        if "type" in values:
            queryset = queryset.filter(result_type=values["type"])
        if "theme" in values:
            queryset = queryset.filter(project__tagged_items__tag__slug=values["theme"])
        return queryset

    def build_facets(self):
        return [
            Facet("type", _("Type of result"), _("All types"), self._type_options()),
            Facet("theme", _("Theme"), _("All themes"), self._theme_options()),
        ]

    def _type_options(self):
        counts = dict(
            self.queryset.order_by()
            .values_list("result_type")
            .annotate(n=Count("pk", filter=Q(pk__in=self.others("type"))))
        )
        return [
            Option(value, label, counts.get(value, 0), self.values.get("type") == value)
            for value, label in ResultType.choices
        ]

    def _theme_options(self):
        rows = (
            self.queryset.filter(project__tagged_items__tag__isnull=False)
            .order_by()
            .values_list(
                "project__tagged_items__tag__slug",
                "project__tagged_items__tag__name",
                "project__tagged_items__tag__label__name_en",
            )
            .annotate(n=Count("pk", filter=Q(pk__in=self.others("theme"))))
            .order_by("project__tagged_items__tag__name")
        )
        options = [
            Option(slug, shown_name(name, name_en), n, self.values.get("theme") == slug)
            for slug, name, name_en, n in rows
        ]
        return sorted_for_language(options)
