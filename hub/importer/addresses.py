"""Addresses as people typed them on the old sites: without a scheme, or hidden from spammers.

- `regeringen.se/remisser`, `www.x.se/y`: a web address without `https://`;
- `david@example.org` as a link target: an e-mail address without `mailto:`;
- `name(at)example(dot)se`, `contact[at]example[dot]se`, `name [ at ] example [ dot ] se`,
  `(name at example dot se)`: an e-mail address written so that robots miss it.

These are general shapes, not a list of the sites' addresses: a label-dot-label host with a
top-level domain of letters that is not a file extension is a domain.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email

#: Endings that make `x.y` a file name rather than a host (`rapport.pdf`, `index.html`).
FILE_EXTENSIONS = {
    "html", "htm", "md", "markdown", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif",
    "php", "asp", "aspx", "jsp", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx",
    "odp", "txt", "csv", "zip", "json", "xml", "js", "css", "ics", "mp4", "mp3", "mov", "rtf",
    "key", "tif", "tiff", "bmp", "ico", "yml", "yaml",
}
_HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})(?::\d{1,5})?$",
                   re.IGNORECASE)

_LOCAL = r"[A-Za-z0-9._%+-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_AT_SIGN = r"\s*[\(\[\{<]\s*(?:at|snabel-?a|@)\s*[\)\]\}>]\s*"
_DOT_SIGN = r"\s*[\(\[\{<]\s*(?:dot|punkt|\.)\s*[\)\]\}>]\s*"
_DOT = rf"(?:{_DOT_SIGN}|\.)"
#: An address with a bracketed "at" (the dots may be bracketed words or plain dots).
OBFUSCATED = re.compile(
    rf"(?<![\w.%+-])(?P<local>{_LOCAL}){_AT_SIGN}(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*"
    rf"{_DOT}[A-Za-z]{{2,24}})(?![\w-])",
    re.IGNORECASE,
)
#: `(name at example dot se)`: words instead of signs, the whole address in brackets.
BRACKETED_WORDS = re.compile(
    rf"(?P<open>[\(\[])\s*(?P<local>{_LOCAL})\s+(?:at|snabel-?a)\s+(?P<domain>{_LABEL}"
    rf"(?:\s+(?:dot|punkt)\s+{_LABEL}|\.{_LABEL})*)\s*(?P<close>[\)\]])",
    re.IGNORECASE,
)
_WORD_AT = re.compile(r"\s+(?:at|snabel-?a)\s+", re.IGNORECASE)
_WORD_DOT = re.compile(r"\s+(?:dot|punkt)\s+", re.IGNORECASE)
_DOT_SIGN_RE = re.compile(_DOT_SIGN, re.IGNORECASE)


def valid_email(value):
    """`value` as an e-mail address (without `mailto:`), or ""."""
    value = str(value or "").strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:"):].split("?", 1)[0]
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


def _join(local, domain):
    domain = _DOT_SIGN_RE.sub(".", domain)
    domain = _WORD_DOT.sub(".", domain)
    return valid_email(f"{local}@{domain}".strip())


def email_address(value):
    """The e-mail address `value` means, written plainly, bracketed (`a(at)b(dot)se`) or
    with words (`a at b dot se`), or ""."""
    text = " ".join(str(value or "").split())
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:"):]
    plain = valid_email(text)
    if plain:
        return plain
    match = OBFUSCATED.fullmatch(text.strip("()[]<> "))
    if match:
        return _join(match["local"], match["domain"])
    words = _WORD_AT.split(text.strip("()[]<> "))
    if len(words) == 2:
        return _join(words[0], words[1])
    return ""


def reveal_addresses(text, link=True):
    """Obfuscated addresses in Markdown written out: as a Markdown mail link where they
    stand in running text (`link`), as the plain address where they already are a link's
    target (`[mejla](a(at)b(dot)se)`), so the link converter makes it `mailto:`."""

    def replace(match):
        address = _join(match["local"], match["domain"])
        if not address:
            return match.group(0)
        before = text[max(0, match.start() - 2):match.start()]
        if not link or before.endswith("](") or before.endswith("<"):
            return address
        return f"[{address}](mailto:{address})"

    def replace_words(match):
        address = _join(match["local"], match["domain"])
        if not address:
            return match.group(0)
        inner = f"[{address}](mailto:{address})" if link else address
        return f"{match['open']}{inner}{match['close']}"

    text = OBFUSCATED.sub(replace, text)
    return BRACKETED_WORDS.sub(replace_words, text)


def looks_like_host(value):
    """Whether `value` (the part before the first /) is a domain name: `regeringen.se`,
    `www.x.se:8080`, but not `rapport.pdf` or `index.html`."""
    match = _HOST.match(value or "")
    return bool(match) and match.group(1).lower() not in FILE_EXTENSIONS


def web_address(value):
    """`value` as an absolute http(s) URL when it is one or lacks only the scheme
    (`www.x.se/y`, `//x.se/y`, `regeringen.se/remisser`), else ""."""
    value = str(value or "").strip()
    if not value or any(char.isspace() for char in value):
        return ""
    if value.startswith("//"):
        value = "https:" + value
    elif "://" not in value and looks_like_host(re.split(r"[/?#]", value, maxsplit=1)[0]):
        value = "https://" + value
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value
