from .funding import FundingCall
from .index import ProjectIndexPage
from .project import ProjectContact, ProjectPage, ProjectPageTag, ProjectPartner
from .results import ProjectResult, sync_results
from .showcase import ShowcaseItem, ShowcasePage

__all__ = [
    "FundingCall",
    "ProjectContact",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPageTag",
    "ProjectPartner",
    "ProjectResult",
    "ShowcaseItem",
    "ShowcasePage",
    "sync_results",
]
