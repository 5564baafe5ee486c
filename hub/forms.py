"""Admin form fields that clean text where it enters.

Text pasted from word processors carries control characters (vertical tab, form feed, NUL)
that XML and iCalendar outputs refuse, and a line break in a one-line field (a title, a
venue) is never meant. `register_text_cleaning()` makes every Wagtail admin form (pages,
snippets, settings: all `WagtailAdminModelForm`s) use these fields for plain `CharField` and
`TextField` model fields, through Wagtail's `register_form_field_override`. The outputs clean
again (`hub.text`), for what arrives by other ways (the importer, the shell).
"""

import re

from django import forms
from django.db import models
from wagtail.admin import widgets
from wagtail.admin.forms.models import register_form_field_override

from hub.text import strip_control_chars

_SPACES = re.compile(r" {2,}")


class CleanTextField(forms.CharField):
    """A multi-line text field without control characters (tab and line breaks stay)."""

    def to_python(self, value):
        return strip_control_chars(super().to_python(value))


class SingleLineTextField(forms.CharField):
    """A one-line text field: control characters removed, line breaks folded into spaces.

    A field given a Textarea widget is multi-line and keeps its line breaks.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(self.widget, forms.Textarea):
            return strip_control_chars(value)
        if isinstance(value, str):
            value = _SPACES.sub(" ", strip_control_chars(value, multiline=False))
            if self.strip:
                value = value.strip()
        return value


def register_text_cleaning():
    """Use the cleaning fields in every Wagtail admin model form.

    `exact_class=True` leaves CharField subclasses (slug, URL, email fields: they validate
    their own values) and RichTextField alone. Wagtail's own TextField override (the
    auto-height widget) is kept.
    """
    register_form_field_override(
        models.CharField,
        override={"form_class": SingleLineTextField},
        exact_class=True,
    )
    register_form_field_override(
        models.TextField,
        override={"form_class": CleanTextField, "widget": widgets.AdminAutoHeightTextInput},
        exact_class=True,
    )

