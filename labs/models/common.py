"""Pieces shared by local groups and labs: people and partner orderables, localising links."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel

from hub.models.mixins import Ordered


class PersonOrderable(Ordered):
    """A person (hub.Person snippet) attached to a page, in the editor's order."""

    person = models.ForeignKey(
        "hub.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("person")]

    class Meta(Ordered.Meta):
        abstract = True


class PartnerOrderable(Ordered):
    """A partner organisation (hub.PartnerPage) attached to a page, in the editor's order."""

    partner = models.ForeignKey(
        "hub.PartnerPage",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("partner")]

    class Meta(Ordered.Meta):
        abstract = True


def localize_pages(pages, locale_id, select_related=()):
    """Return `pages` with each replaced by its live translation in `locale_id`, if it has one.

    Orderables copied by `copy_for_translation` still point at the Swedish partner pages;
    this swaps them for their English versions in one query, whatever their number.
    """
    pages = list(pages)
    if not pages:
        return pages
    wanted = {page.translation_key for page in pages if page.locale_id != locale_id}
    if not wanted:
        return pages
    translations = {
        page.translation_key: page
        for page in type(pages[0])
        .objects.live()
        .filter(locale_id=locale_id, translation_key__in=wanted)
        .select_related(*select_related)
    }
    return [translations.get(page.translation_key, page) for page in pages]


def next_sitting_of_each(occurrences, limit):
    """The first occurrence of each event in `occurrences`, at most `limit` of them.

    A weekly series would otherwise fill a group's list on its own; its next date is enough
    here (the calendar page and the feed show every sitting).
    """
    seen = set()
    result = []
    for occurrence in occurrences:
        if occurrence.event.pk in seen:
            continue
        seen.add(occurrence.event.pk)
        result.append(occurrence)
        if len(result) == limit:
            break
    return result
