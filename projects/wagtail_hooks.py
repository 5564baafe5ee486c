from wagtail.snippets.models import register_snippet

from .viewsets import FundingCallViewSet

register_snippet(FundingCallViewSet)
