from .groups import (
    LocalGroupIndexPage,
    LocalGroupOrganiser,
    LocalGroupPage,
    LocalGroupPartner,
    OrganiserRole,
)
from .labs import LabHostPartner, LabIndexPage, LabPage

__all__ = [
    "LabHostPartner",
    "LabIndexPage",
    "LabPage",
    "LocalGroupIndexPage",
    "LocalGroupOrganiser",
    "OrganiserRole",
    "LocalGroupPage",
    "LocalGroupPartner",
]
