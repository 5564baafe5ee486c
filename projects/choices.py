"""Controlled vocabularies of the projects app: regions, statuses, result types, licences."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    """Where a project works: nationwide or one of Sweden's 21 counties (län).

    Values are ASCII slugs so that they read well in filter URLs (`?region=skane`).
    """

    NATIONAL = "national", _("Nationwide")
    BLEKINGE = "blekinge", _("Blekinge County")
    DALARNA = "dalarna", _("Dalarna County")
    GOTLAND = "gotland", _("Gotland County")
    GAVLEBORG = "gavleborg", _("Gävleborg County")
    HALLAND = "halland", _("Halland County")
    JAMTLAND = "jamtland", _("Jämtland County")
    JONKOPING = "jonkoping", _("Jönköping County")
    KALMAR = "kalmar", _("Kalmar County")
    KRONOBERG = "kronoberg", _("Kronoberg County")
    NORRBOTTEN = "norrbotten", _("Norrbotten County")
    SKANE = "skane", _("Skåne County")
    STOCKHOLM = "stockholm", _("Stockholm County")
    SODERMANLAND = "sodermanland", _("Södermanland County")
    UPPSALA = "uppsala", _("Uppsala County")
    VARMLAND = "varmland", _("Värmland County")
    VASTERBOTTEN = "vasterbotten", _("Västerbotten County")
    VASTERNORRLAND = "vasternorrland", _("Västernorrland County")
    VASTMANLAND = "vastmanland", _("Västmanland County")
    VASTRA_GOTALAND = "vastra-gotaland", _("Västra Götaland County")
    OREBRO = "orebro", _("Örebro County")
    OSTERGOTLAND = "ostergotland", _("Östergötland County")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


class ResultStatus(models.TextChoices):
    """How far a result has come (after Decidim's accountability component)."""

    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class ResultType(models.TextChoices):
    """The kinds of result a project documents, in the order they are shown.

    The values are also the block names of `projects.blocks.ResultStreamBlock`.
    """

    SOFTWARE = "software", _("Software")
    REPORT = "report", _("Report")
    DATASET = "dataset", _("Dataset")
    METHOD = "method", _("Method or guide")
    SERVICE = "service", _("Service")
    POLICY_CHANGE = "policy_change", _("Policy change")
    EVENT = "event", _("Event")


RESULT_TYPE_PLURALS = {
    ResultType.SOFTWARE: _("Software"),
    ResultType.REPORT: _("Reports"),
    ResultType.DATASET: _("Datasets"),
    ResultType.METHOD: _("Methods and guides"),
    ResultType.SERVICE: _("Services"),
    ResultType.POLICY_CHANGE: _("Policy changes"),
    ResultType.EVENT: _("Events"),
}


class Licence(models.TextChoices):
    """Common open licences by SPDX identifier, plus the two honest alternatives."""

    CC_BY_4 = "CC-BY-4.0", "CC BY 4.0"
    CC_BY_SA_4 = "CC-BY-SA-4.0", "CC BY-SA 4.0"
    CC0 = "CC0-1.0", "CC0 1.0"
    ODBL = "ODbL-1.0", "ODbL 1.0"
    MIT = "MIT", "MIT"
    APACHE_2 = "Apache-2.0", "Apache 2.0"
    GPL_3 = "GPL-3.0-or-later", "GPL 3.0 or later"
    AGPL_3 = "AGPL-3.0-or-later", "AGPL 3.0 or later"
    EUPL_12 = "EUPL-1.2", "EUPL 1.2"
    MPL_2 = "MPL-2.0", "MPL 2.0"
    OTHER = "other", _("Other licence (see description)")
    PROPRIETARY = "proprietary", _("All rights reserved")


#: Licences whose SPDX page is a stable, machine-readable reference (used in JSON-LD).
OPEN_LICENCES = {
    value for value in Licence.values if value not in {Licence.OTHER, Licence.PROPRIETARY}
}


def licence_url(licence):
    """The canonical SPDX address of an open licence, or "" for other/none."""
    if licence in OPEN_LICENCES:
        return f"https://spdx.org/licenses/{licence}.html"
    return ""
