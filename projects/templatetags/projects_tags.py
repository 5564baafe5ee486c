"""Template tags that let other apps' pages show projects without knowing the models.

- `{% partner_projects partner %}`: on a partner page, the projects it leads, takes part
  in or funds (found by reverse relations, so nobody maintains the list by hand).
- `{% featured_projects home as featured %}`: the home page's chosen projects, in the
  coordinator's order, falling back to recently updated projects.
"""

from django import template
from django.db.models import F, OuterRef, Q, Subquery

from hub.templatetags.hub_tags import home_section

from ..localization import active_language_code
from ..models import ProjectIndexPage, ProjectPage, ProjectPartner

register = template.Library()

FEATURED_LIMIT = 6


def _pick_language_versions(projects, language_code):
    """One page per translation_key: the active language's, else the first one seen."""
    chosen = {}
    for project in projects:
        key = project.translation_key
        current = chosen.get(key)
        if current is None or (
            project.locale.language_code == language_code
            and current.locale.language_code != language_code
        ):
            chosen[key] = project
    return chosen


def projects_for_partner(partner):
    """The live projects `partner` (in any language version) leads, joins or funds.

    Returns a dict with lists `led`, `joined` (dicts with `project` and `role`) and
    `funded`, each in the visitor's language where a translation exists. Four queries.
    """
    key = partner.translation_key
    language_code = active_language_code()
    projects = list(
        ProjectPage.objects.live()
        .public()
        .filter(
            Q(lead_organisation__translation_key=key)
            | Q(project_partners__partner__translation_key=key)
            | Q(funding_call__funder_page__translation_key=key)
        )
        .select_related("locale", "funding_call", "lead_organisation")
        .distinct()
        .order_by("title", "pk")
    )
    roles = {}
    for project_id, role in ProjectPartner.objects.filter(
        project_id__in=[project.pk for project in projects], partner__translation_key=key
    ).values_list("project_id", "role"):
        roles.setdefault(project_id, role)

    led, joined, funded = [], [], []
    for project in _pick_language_versions(projects, language_code).values():
        lead = project.lead_organisation
        if lead is not None and lead.translation_key == key:
            led.append(project)
        elif project.pk in roles:
            joined.append({"project": project, "role": roles[project.pk]})
        else:
            funded.append(project)
    return {"led": led, "joined": joined, "funded": funded}


@register.inclusion_tag("projects/includes/partner_projects.html", takes_context=True)
def partner_projects(context, partner):
    """The projects a partner leads, takes part in or funds, as a section with an h2."""
    data = projects_for_partner(partner)
    return {
        **data,
        "request": context.get("request"),
        "has_projects": any(data.values()),
    }


def _featured_rows_in_memory(home):
    """True in a preview, where the featured rows come from the editor's form, unsaved."""
    return "featured_projects" in getattr(home, "_cluster_related_objects", {}) or not home.pk


def _featured_from_rows(home, language_code, limit):
    chosen = [
        item.project
        for item in home.featured_projects.select_related("project")
        if item.project_id
    ]
    if not chosen:
        return []
    keys = {page.translation_key for page in chosen}
    candidates = (
        ProjectPage.objects.live()
        .public()
        .filter(
            Q(translation_key__in=keys, locale__language_code=language_code)
            | Q(pk__in=[page.pk for page in chosen])
        )
        .select_related("locale")
        .for_listing()
    )
    versions = _pick_language_versions(candidates, language_code)
    projects, seen = [], set()
    for page in chosen:
        project = versions.get(page.translation_key)
        if project is not None and project.pk not in seen:
            seen.add(project.pk)
            projects.append(project)
    return projects[:limit]


def _featured_from_database(home, language_code, limit):
    """The saved featured projects in one query: each chosen project's version in the active
    language (else the chosen page itself), ordered by its row in the home page's list."""
    from hub.models import HomeFeaturedProject

    rows = HomeFeaturedProject.objects.filter(home_page=home, project__isnull=False)
    first_row = rows.filter(project__translation_key=OuterRef("translation_key")).order_by(
        "sort_order", "pk"
    )
    candidates = (
        ProjectPage.objects.live()
        .public()
        .filter(
            Q(
                translation_key__in=rows.values("project__translation_key"),
                locale__language_code=language_code,
            )
            | Q(pk__in=rows.values("project_id"))
        )
        .annotate(
            feature_order=Subquery(first_row.values("sort_order")[:1]),
            feature_pk=Subquery(first_row.values("pk")[:1]),
        )
        .select_related("locale")
        .for_listing()
    )
    versions = _pick_language_versions(candidates, language_code).values()
    # Rows created in code have no sort_order: they come after numbered ones, by creation.
    return sorted(
        versions,
        key=lambda page: (page.feature_order is None, page.feature_order or 0, page.feature_pk),
    )[:limit]


@register.simple_tag(takes_context=True)
def featured_projects(context, home, limit=FEATURED_LIMIT):
    """The home page's featured projects in the coordinator's order, in the active language.

    Falls back to the most recently published projects of the active language when none
    are chosen (or none of the chosen are live). Returns a dict: `projects`, `curated`
    (True when the coordinator chose them) and `index` (the project index, if any).
    Works in previews, where `home.featured_projects` holds unsaved rows.
    """
    language_code = active_language_code()
    if _featured_rows_in_memory(home):
        projects = _featured_from_rows(home, language_code, limit)
    else:
        projects = _featured_from_database(home, language_code, limit)
    curated = bool(projects)
    if not curated:
        projects = list(
            ProjectPage.objects.live()
            .public()
            .filter(locale__language_code=language_code)
            .for_listing()
            # NULLs last on every database (PostgreSQL sorts them first when descending).
            .order_by(F("last_published_at").desc(nulls_last=True), "-pk")[:limit]
        )
    index = None
    if projects:
        # The page chrome has loaded the home page's sections already.
        index = home_section(context.get("request"), ProjectIndexPage, context.get("page"))
        if index is None:
            index = (
                ProjectIndexPage.objects.live().filter(locale__language_code=language_code).first()
            )
    return {"projects": projects, "curated": curated, "index": index}
