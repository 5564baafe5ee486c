from wagtail.snippets.models import register_snippet

from hub.forms import register_text_cleaning
from hub.viewsets import PersonViewSet, TagLabelViewSet

register_snippet(PersonViewSet)
register_snippet(TagLabelViewSet)

# Every admin form (pages, snippets, settings) strips control characters from plain text.
register_text_cleaning()
