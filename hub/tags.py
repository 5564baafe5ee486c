"""Tag names in the visitor's language: one helper for every place that shows a tag.

Swedish pages show a tag's own name; English pages show its `TagLabel.name_en` when it has
one. Slugs never change with the language, so filters and feed URLs work in both.
The English names are read in one query, however many tags are shown.
"""

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


def tag_label(tag, language_code=None, request=None):
    """The name to show for `tag` (anything with `slug` and `name`) in `language_code`."""
    return names_for(language_code, request).get(tag.slug) or tag.name


def labelled_choices(choices, language_code=None):
    """(slug, name) pairs with each name in `language_code`, sorted by that name."""
    names = names_for(language_code)
    labelled = [(slug, names.get(slug) or name) for slug, name in choices]
    return sorted(labelled, key=lambda choice: choice[1].lower()) if names else labelled
