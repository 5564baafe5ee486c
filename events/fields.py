"""A small model field for a set of weekdays, shown to editors as checkboxes."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from .recurrence import WEEKDAY_CODES, WEEKDAYS


def _as_codes(value):
    if not value:
        return []
    if isinstance(value, str):
        value = value.split(",")
    codes = {str(item).strip().upper() for item in value if str(item).strip()}
    unknown = codes - set(WEEKDAY_CODES)
    if unknown:
        raise ValidationError(f"Unknown weekday code(s): {', '.join(sorted(unknown))}")
    return [code for code in WEEKDAY_CODES if code in codes]


class WeekdaysField(models.CharField):
    """Stores weekdays as RFC 5545 codes ("MO,WE"); Python sees an ordered list ["MO", "WE"]."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return _as_codes(value)

    def to_python(self, value):
        return _as_codes(value)

    def get_prep_value(self, value):
        return ",".join(_as_codes(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": WEEKDAYS,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        defaults.pop("max_length", None)
        defaults.pop("empty_value", None)
        form_class = defaults.pop("form_class")
        defaults.pop("choices_form_class", None)
        return form_class(**defaults)

    def validate(self, value, model_instance):
        # Choices are enforced by the form field and _as_codes(); skip CharField's checks.
        if not self.blank and not value:
            raise ValidationError(self.error_messages["blank"], code="blank")
