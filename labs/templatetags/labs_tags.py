"""Template tags other apps' templates use to show labs content."""

from django import template

from labs.models import LabPage, LocalGroupPage

register = template.Library()


def groups_and_labs_for(partner):
    """(local groups, labs) that `partner` supports, in the partner page's language.

    Partner orderables of translated pages may still point at the Swedish partner page, so
    the match is on the partner's translation key, not on its id. Two queries in all.
    """
    if partner is None or not getattr(partner, "pk", None):
        return [], []
    groups = (
        LocalGroupPage.objects.live()
        .public()
        .filter(
            locale_id=partner.locale_id,
            partners__partner__translation_key=partner.translation_key,
        )
        .distinct()
        .order_by("title")
    )
    labs = (
        LabPage.objects.live()
        .public()
        .filter(
            locale_id=partner.locale_id,
            host_partners__partner__translation_key=partner.translation_key,
        )
        .distinct()
        .order_by("title")
    )
    return list(groups), list(labs)


@register.inclusion_tag("labs/includes/partner_groups_and_labs.html", takes_context=True)
def partner_groups_and_labs(context, partner, heading_level=2):
    """The local groups and labs a partner supports, as a section (nothing if there are none).

    Usage on the partner page: ``{% load labs_tags %}{% partner_groups_and_labs page %}``.
    """
    groups, labs = groups_and_labs_for(partner)
    return {
        "request": context.get("request"),
        "groups": groups,
        "labs": labs,
        "heading_level": heading_level,
    }
