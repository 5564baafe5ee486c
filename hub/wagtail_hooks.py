from wagtail.snippets.models import register_snippet

from hub.viewsets import PersonViewSet

register_snippet(PersonViewSet)
