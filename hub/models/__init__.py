from hub.importer.models import ImportRecord

from .pages import (
    HomeFeaturedProject,
    HomePage,
    NewsIndexPage,
    NewsPage,
    NewsPageTag,
    PartnerIndexPage,
    PartnerPage,
    StandardPage,
)
from .people import Person
from .site_settings import SiteSettings, SocialLink
from .tags import TagLabel

__all__ = [
    "HomeFeaturedProject",
    "HomePage",
    "ImportRecord",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "PartnerIndexPage",
    "PartnerPage",
    "Person",
    "SiteSettings",
    "SocialLink",
    "StandardPage",
    "TagLabel",
]
