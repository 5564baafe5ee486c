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
