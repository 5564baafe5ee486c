from .groups import LocalGroupIndexPage, LocalGroupOrganiser, LocalGroupPage, LocalGroupPartner
from .labs import LabHostPartner, LabIndexPage, LabPage

__all__ = [
    "LabHostPartner",
    "LabIndexPage",
    "LabPage",
    "LocalGroupIndexPage",
    "LocalGroupOrganiser",
    "LocalGroupPage",
    "LocalGroupPartner",
]
