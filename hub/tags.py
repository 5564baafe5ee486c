"""Tag names in the visitor's language: one helper for every place that shows a tag.

Swedish pages show a tag's own name; English pages show its `TagLabel.name_en` when it has
one. Slugs never change with the language, so filters and feed URLs work in both.
The English names are read in one query, however many tags are shown.
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


def names_for(language_code=None, request=None):
    """{slug: name} overriding the tags' own names in `language_code`: empty (and no
    query) in the default language. Look a tag up as `names.get(slug) or name`."""
    return {} if is_source_language(language_code) else english_names(request)


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


def labelled_choices(choices, language_code=None):
    """(slug, name) pairs with each name in `language_code`, sorted by that name."""
    names = names_for(language_code)
    labelled = [(slug, names.get(slug) or name) for slug, name in choices]
    return sorted(labelled, key=lambda choice: choice[1].lower()) if names else labelled
