"""Showing pages in the visitor's language, in bulk.

Translations made with `copy_for_translation` keep their links to the original
language's pages (a project's partners, a showcase's projects). These helpers swap
each linked page for its live translation in the active language, in one query.
"""

from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant


def active_language_code():
    return get_supported_content_language_variant(translation.get_language())


def localize_pages(pages, language_code=None):
    """Map each page's translation_key to its live version in the active language.

    Falls back to the page itself when it is live and has no live translation; leaves
    out pages that are not live at all. `pages` must be of one specific model.
    """
    pages = [page for page in pages if page is not None]
    if not pages:
        return {}
    language_code = language_code or active_language_code()
    model = type(pages[0])
    translated = {
        page.translation_key: page
        for page in model.objects.live().filter(
            translation_key__in={page.translation_key for page in pages},
            locale__language_code=language_code,
        )
    }
    result = {}
    for page in pages:
        key = page.translation_key
        if key in translated:
            result[key] = translated[key]
        elif page.live:
            result[key] = page
    return result
