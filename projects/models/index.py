"""The project index (filterable listing) and its results catalogue route."""

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from hub.blocks import RICH_TEXT_FEATURES
from hub.models.pages import BasePage, paginate
from hub.models.querysets import language_codes

from ..charts import bar_chart
from ..choices import ProjectStatus, ResultType
from ..filters import ProjectFilter, ResultFilter, call_label
from ..localization import active_language_code
from .project import ProjectPage
from .results import ProjectResult

#: The catalogue's address below the index, per language (both are served).
RESULTS_ROUTE = {"sv": "resultat", "en": "results"}


class ProjectIndexPage(RoutablePageMixin, BasePage):
    """All projects of one language, with filters; `resultat/` is the results catalogue."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    results_introduction = RichTextField(
        _("introduction to the results catalogue"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Opens the compiled documentation of all projects' results."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("results_introduction"),
    ]

    page_size = 12
    results_page_size = 30

    parent_page_types = ["hub.HomePage"]
    subpage_types = ["projects.ProjectPage", "projects.ShowcasePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("project index")

    # --- Querysets ----------------------------------------------------------------------

    def projects(self):
        """Live, public projects below this index (in its language)."""
        return ProjectPage.objects.live().public().child_of(self)

    def showcases(self):
        from .showcase import ShowcasePage

        return ShowcasePage.objects.live().public().child_of(self).order_by("title")

    def results(self, projects=None):
        projects = self.projects() if projects is None else projects
        return ProjectResult.objects.filter(project__in=projects.order_by().values("pk"))

    # --- Project listing ----------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        match = getattr(request, "routable_resolver_match", None)
        if match is None or match.url_name == "index_route":  # not for the catalogue
            context.update(self.listing_context(request))
        return context

    def listing_context(self, request):
        """The filtered, paginated projects: a fixed number of queries."""
        project_filter = ProjectFilter(request.GET, self.projects())
        listing = (
            project_filter.filtered()
            .for_listing()
            .order_by("-start_date", "title", "pk")
        )
        return {
            "filter": project_filter,
            "projects_page": paginate(request, listing, self.page_size),
            "showcases": list(self.showcases()),
            "results_url": self.results_url(request),
        }

    # --- Results catalogue --------------------------------------------------------------

    def results_url(self, request=None):
        """The catalogue's address in the active language ("" if the index has no URL)."""
        base = self.get_url(request)
        if not base:
            return ""
        code = active_language_code()
        name = f"results_{code}" if code in RESULTS_ROUTE else "results_sv"
        return base.rstrip("/") + "/" + self.reverse_subpage(name)

    @path(f"{RESULTS_ROUTE['sv']}/", name="results_sv")
    @path(f"{RESULTS_ROUTE['en']}/", name="results_en")
    def results_catalogue(self, request):
        projects = self.projects()
        results = self.results(projects)
        result_filter = ResultFilter(request.GET, results)
        listing = result_filter.filtered().select_related("project", "document").in_type_order()
        return self.render(
            request,
            template="projects/results_catalogue.html",
            context_overrides={
                "filter": result_filter,
                "results_page": paginate(request, listing, self.results_page_size),
                "charts": self.overview_charts(projects, results),
                "results_url": self.results_url(request),
                "canonical": request.build_absolute_uri(self.results_url(request)),
                "alternate_urls": self.results_alternate_urls(request),
            },
        )

    def results_alternate_urls(self, request):
        """The catalogue on each live translation of this index, by language code.

        Given to the template as `alternate_urls`, which the language switcher and the
        hreflang links of `base.html` use instead of the index's own translations (they
        would lead to the index, not the catalogue). The filters are kept: types and
        themes are the same in both languages.
        """
        query = request.GET.urlencode()
        urls = {}
        for index in self.get_translations(inclusive=True).live().select_related("locale"):
            base = index.get_url(request)
            code = index.locale.language_code
            if not base or code not in RESULTS_ROUTE:
                continue
            url = base.rstrip("/") + "/" + index.reverse_subpage(f"results_{code}")
            urls[code] = f"{url}?{query}" if query else url
        return urls

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            code = language_codes(request).get(self.locale_id)
            route = RESULTS_ROUTE.get(code, RESULTS_ROUTE["sv"])
            urls.append({**urls[0], "location": urls[0]["location"].rstrip("/") + f"/{route}/"})
        return urls

    def overview_charts(self, projects, results):
        """Projects by status and by call, results by type: three aggregate queries."""
        by_status = dict(
            projects.with_status().order_by().values_list("current_status").annotate(n=Count("pk"))
        )
        by_call = (
            projects.filter(funding_call__isnull=False)
            .order_by()
            .values_list(
                "funding_call__funder",
                "funding_call__name",
                "funding_call__name_en",
                "funding_call__year",
            )
            .annotate(n=Count("pk"))
            .order_by("-funding_call__year", "funding_call__funder", "funding_call__name")
        )
        by_type = dict(results.order_by().values_list("result_type").annotate(n=Count("pk")))
        return [
            bar_chart(
                "projects-by-status",
                _("Projects by status"),
                [(label, by_status.get(value, 0)) for value, label in ProjectStatus.choices],
                value_heading=_("Projects"),
                category_heading=_("Status"),
            ),
            bar_chart(
                "projects-by-call",
                _("Projects by funding call"),
                [(call_label(f, n, n_en, y), count) for f, n, n_en, y, count in by_call],
                value_heading=_("Projects"),
                category_heading=_("Funding call"),
            ),
            bar_chart(
                "results-by-type",
                _("Results by type"),
                [(label, by_type.get(value, 0)) for value, label in ResultType.choices],
                value_heading=_("Results"),
                category_heading=_("Type of result"),
            ),
        ]

