"""Sweden's counties, and the map helpers labs uses (from hub.geo, shared with events).

The map of local groups is drawn by the server as inline SVG with hub.geo's outline and
projection, one marker per group.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The outline and projection live in hub (events' map picker uses them too); these names stay
# importable from here for labs' code and tests.
from hub.geo import (  # noqa: F401
    OUTLINES,
    SWEDEN_BOUNDS,
    map_size,
    outline_path,
    project,
)


class County(models.TextChoices):
    """Sweden's 21 counties (län), keyed by their ISO 3166-2:SE letter codes."""

    STOCKHOLM = "AB", _("Stockholm County")
    UPPSALA = "C", _("Uppsala County")
    SODERMANLAND = "D", _("Södermanland County")
    OSTERGOTLAND = "E", _("Östergötland County")
    JONKOPING = "F", _("Jönköping County")
    KRONOBERG = "G", _("Kronoberg County")
    KALMAR = "H", _("Kalmar County")
    GOTLAND = "I", _("Gotland County")
    BLEKINGE = "K", _("Blekinge County")
    SKANE = "M", _("Skåne County")
    HALLAND = "N", _("Halland County")
    VASTRA_GOTALAND = "O", _("Västra Götaland County")
    VARMLAND = "S", _("Värmland County")
    OREBRO = "T", _("Örebro County")
    VASTMANLAND = "U", _("Västmanland County")
    DALARNA = "W", _("Dalarna County")
    GAVLEBORG = "X", _("Gävleborg County")
    VASTERNORRLAND = "Y", _("Västernorrland County")
    JAMTLAND = "Z", _("Jämtland County")
    VASTERBOTTEN = "AC", _("Västerbotten County")
    NORRBOTTEN = "BD", _("Norrbotten County")


