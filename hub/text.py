"""Text that leaves the site in a format with rules about characters.

XML 1.0 (Atom, sitemap, RSS) forbids every C0 control character except tab, line feed and
carriage return; iCalendar (RFC 5545) forbids them in TEXT values except through its own
escapes, and a line break in a one-line property (SUMMARY, LOCATION) is a trap for clients.
Text pasted from word processors carries such characters (vertical tab, form feed, NUL), so
every string that reaches one of those outputs passes through one of these functions, and
forms and the importer strip them where text enters.
"""

import re

#: C0 controls other than tab, line feed and carriage return, plus DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_control_chars(value, *, multiline=True):
    """`value` without control characters; with `multiline=False`, line breaks and tabs
    become single spaces too. None stays None; other types are returned unchanged."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    if not multiline:
        value = re.sub(r"[ \t]*(?:\r\n|[\r\n\u2028\u2029\x85\t])[ \t]*", " ", value)
    return value


def has_control_chars(value):
    """Whether `value` holds a character `strip_control_chars` would remove."""
    return isinstance(value, str) and bool(_CONTROL.search(value))


def xml_text(value):
    """Text safe for an XML 1.0 document (element content or attribute)."""
    return strip_control_chars(value)


def ical_text(value, *, multiline=True):
    """Text safe for an iCalendar TEXT value; one-line properties pass `multiline=False`."""
    return strip_control_chars(value, multiline=multiline)
