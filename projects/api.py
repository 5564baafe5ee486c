"""Serializer fields for the projects' open data in Wagtail's API v2."""

from rest_framework import serializers


class FundingCallField(serializers.Field):
    """A project's funding call inline (funder, call, year, link) instead of a bare id."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance.funding_call if instance.funding_call_id else None

    def to_representation(self, call):
        return {
            "id": call.pk,
            "funder": call.funder,
            "name": call.name,
            "name_en": call.name_en,
            "year": call.year,
            "url": call.url,
        }


class ThemesField(serializers.Field):
    """The project's tag names in name order, as Wagtail's `TagsField` gives them.

    Reads the `tagged_items` an API listing prefetched (in name order, see
    `ProjectPageQuerySet.load_for_api`) instead of querying once per project.
    """

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        if "tagged_items" in getattr(instance, "_prefetched_objects_cache", {}):
            return [item.tag.name for item in instance.tagged_items.all()]
        return list(instance.tags.all().order_by("name").values_list("name", flat=True))

    def to_representation(self, names):
        return names
