"""Tag names in the visitor's language: one helper for every place that shows a tag.

Swedish pages show a tag's own name; English pages show its `TagLabel.name_en` when it has
one. Slugs never change with the language, so filters and feed URLs work in both.
The English names come in the same query as the tags (a join on `label`), or else in one
query per request, however many tags are shown; Swedish pages need none.
"""

from django.db.models import QuerySet

from hub.languages import is_source_language

REQUEST_ATTRIBUTE = "_hub_tag_names_en"


def english_names(request=None):
    """{slug: English name} of the tags that have one, in one query (none more for the
    rest of `request`, when given)."""
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    from hub.models import TagLabel

    names = dict(TagLabel.objects.exclude(name_en="").values_list("tag__slug", "name_en"))
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, names)
    return names


def shown_name(name, name_en, language_code=None):
    """A tag's name in `language_code`, for queries that read the English name alongside
    (`...values_list("tag__name", "tag__label__name_en")`): no query of its own."""
    return name if is_source_language(language_code) else (name_en or name)


def sorted_for_language(options, language_code=None):
    """Filter options (with a `label`) as the database ordered them by Swedish name, or
    re-sorted by the English label in English."""
    if is_source_language(language_code):
        return options
    return sorted(options, key=lambda option: option.label.lower())


def with_labels(tags, language_code=None):
    """`tags` (a queryset of tags) with their English names read in the same query, when
    they are to be shown in English; anything else is returned as it is."""
    if isinstance(tags, QuerySet) and not is_source_language(language_code):
        return tags.select_related("label")
    return tags


def tag_label(tag, language_code=None, request=None):
    """The name to show for `tag` (anything with `slug` and `name`) in `language_code`.

    A tag loaded through `with_labels()` brings its English name along; otherwise the
    English names are read once (per `request`, when given)."""
    if is_source_language(language_code):
        return tag.name
    fields_cache = getattr(getattr(tag, "_state", None), "fields_cache", {})
    if "label" in fields_cache:
        label = fields_cache["label"]
        return (label.name_en if label is not None else "") or tag.name
    return english_names(request).get(tag.slug) or tag.name


def labelled_choices(rows, language_code=None):
    """(slug, name) choices from (slug, name, English name) rows (a queryset's
    `values_list("slug", "name", "label__name_en")`), named and ordered for `language_code`."""
    choices = [(slug, shown_name(name, name_en, language_code)) for slug, name, name_en in rows]
    if is_source_language(language_code):
        return choices
    return sorted(choices, key=lambda choice: choice[1].lower())
