"""Which language a request is in, for content kept in both languages on one object."""

from django.conf import settings
from django.utils import translation


def is_source_language(language_code=None):
    """Whether `language_code` (default: the active language) is the content's source
    language, Swedish: objects shared by both languages (tags, people) then show their own
    text; otherwise their English text where they have one."""
    language = language_code or translation.get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0] == settings.LANGUAGE_CODE
