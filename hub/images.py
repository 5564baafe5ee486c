"""SVG images made safe wherever they come from (admin upload, the importer, code).

Wagtail serves an SVG image (and every rendition of it made with `preserve-svg`) as the
uploaded file itself, and a browser that opens an SVG file directly runs its scripts with
the site's origin. So every SVG is sanitised when its image is saved: scripts, event
handler attributes, `javascript:`/`data:` links (except raster images), <foreignObject>
and references to other files or sites are removed, and a file that is not a plain SVG
document (not XML, entities or a DOCTYPE, another root element) is refused.

`connect()` (called from hub.apps) wires the sanitiser to the image model's `pre_save`
and a validator to its `file` field, so that the admin's image form shows the refusal as
a form error instead of failing on save.
"""

import io
import re
from xml.etree import ElementTree as StdElementTree

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

#: Elements that run script, embed other documents or pull in what we cannot check.
FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler",
                      "listener", "audio", "video", "set", "animate", "animatemotion",
                      "animatetransform", "discard"}
#: Attributes that hold a URL (href, xlink:href and the presentation attributes below).
LINK_ATTRIBUTES = {"href", "src", "action", "formaction"}
#: data: URLs that stay: raster images drawn inside the SVG cannot run script.
SAFE_DATA_URL = re.compile(r"^data:image/(?:png|gif|jpe?g|webp|avif);", re.IGNORECASE)
#: url(...) in styles and presentation attributes: only same-document references (#id).
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_IMPORT = re.compile(r"@import[^;]*;?", re.IGNORECASE)
_CSS_EXPRESSION = re.compile(r"expression\s*\(|javascript:|-moz-binding|behavior\s*:",
                             re.IGNORECASE)
#: Characters browsers ignore inside a URL scheme ("java\nscript:").
_SCHEME_NOISE = re.compile(r"[\x00-\x20\x7f]+")


class UnsafeSvg(ValueError):
    """The file is not an SVG document the hub can make safe."""


def is_svg_name(name):
    return str(name or "").lower().endswith(".svg")


def _local(tag):
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _safe_url(value):
    """Whether a link inside the SVG may stay: same-document fragments, http(s) links
    (followed only when a person clicks them) and raster data: images."""
    compact = _SCHEME_NOISE.sub("", value or "")
    if compact.startswith("#") or not compact:
        return True
    lowered = compact.lower()
    if lowered.startswith(("http://", "https://", "mailto:")):
        return True
    return bool(SAFE_DATA_URL.match(compact))


def _clean_css(text):
    text = _CSS_IMPORT.sub("", text)
    text = _CSS_URL.sub(lambda m: m.group(0) if m.group(2).strip().startswith("#") else "none",
                        text)
    return _CSS_EXPRESSION.sub("", text)


def _clean_element(element, removed):
    for child in list(element):
        if not isinstance(child.tag, str):  # comments and processing instructions
            element.remove(child)
            continue
        if _local(child.tag) in FORBIDDEN_ELEMENTS:
            element.remove(child)
            removed.add(_local(child.tag))
            continue
        _clean_element(child, removed)
    for name in list(element.attrib):
        local = _local(name)
        value = element.attrib[name]
        if local.startswith("on"):
            del element.attrib[name]
            removed.add(f"{local}=")
        elif local in LINK_ATTRIBUTES:
            # <use>, <image>, <feImage> may only refer to this document or a raster
            # data: image; <a> may also link out (a click, not a load).
            outgoing = _local(element.tag) == "a" and _safe_url(value)
            same_doc = _SCHEME_NOISE.sub("", value).startswith("#") or SAFE_DATA_URL.match(value)
            if not (outgoing or same_doc):
                del element.attrib[name]
                removed.add(f"{local}={value[:30]}")
        elif local == "style" or "url(" in value.lower():
            cleaned = _clean_css(value)
            if cleaned != value:
                element.attrib[name] = cleaned
                removed.add(f"{local}=url()")
    if _local(element.tag) == "style" and element.text:
        cleaned = _clean_css(element.text)
        if cleaned != element.text:
            element.text = cleaned
            removed.add("style url()")


def sanitise_svg(data):
    """`data` (bytes of an SVG file) with everything that could run script or load
    something else removed. Raises UnsafeSvg for a file that is not an SVG document.
    Idempotent: sanitising the result again gives the same bytes."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise UnsafeSvg(_("The SVG file declares a DOCTYPE or entities, which are not "
                          "allowed.")) from exc
    except StdElementTree.ParseError as exc:
        raise UnsafeSvg(_("The file is not a readable SVG image (%(error)s).")
                        % {"error": exc}) from exc
    if _local(root.tag) != "svg":
        raise UnsafeSvg(_("The file is not an SVG image: its root element is <%(tag)s>.")
                        % {"tag": _local(root.tag)})
    removed = set()
    _clean_element(root, removed)
    StdElementTree.register_namespace("", SVG_NS)
    StdElementTree.register_namespace("xlink", XLINK_NS)
    buffer = io.BytesIO()
    StdElementTree.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue()


def validate_svg_file(value):
    """Model field validator: an SVG file that cannot be made safe is a form error."""
    name = getattr(value, "name", "")
    if not is_svg_name(name):
        return
    try:
        position = value.tell() if hasattr(value, "tell") else None
        value.seek(0)
        data = value.read()
        if position is not None:
            value.seek(position)
    except (OSError, ValueError):
        return  # not readable here: the save-time sanitiser decides
    try:
        sanitise_svg(data)
    except UnsafeSvg as exc:
        raise ValidationError(str(exc), code="unsafe_svg") from exc


def sanitise_image_file(sender, instance, **kwargs):
    """pre_save: replace a new SVG file's content with its sanitised version."""
    field_file = getattr(instance, "file", None)
    if not field_file or getattr(field_file, "_committed", True) or not is_svg_name(
        field_file.name
    ):
        return
    field_file.open("rb")
    field_file.seek(0)
    data = field_file.read()
    try:
        clean = sanitise_svg(data)
    except UnsafeSvg as exc:
        raise ValidationError(str(exc), code="unsafe_svg") from exc
    if clean != data:
        name = field_file.name.rsplit("/", 1)[-1]
        field_file.file = ContentFile(clean, name=name)
    if hasattr(instance, "file_size"):
        instance.file_size = len(clean)
    if hasattr(instance, "file_hash"):
        from wagtail.utils.file import hash_filelike

        instance.file_hash = hash_filelike(io.BytesIO(clean))


def connect():
    from wagtail.images import get_image_model

    image_model = get_image_model()
    pre_save.connect(sanitise_image_file, sender=image_model,
                     dispatch_uid="hub.images.sanitise_image_file")
    file_field = image_model._meta.get_field("file")
    # Field.validators is computed once per field; adding ours there makes every model
    # form (the admin's image forms included) report an unusable SVG on the file field.
    if validate_svg_file not in file_field.validators:
        file_field.validators.append(validate_svg_file)


def _svg_checked(to_python):
    """A file field's to_python that first gives the precise reason an SVG is refused
    (Wagtail's own check only says "not a valid image")."""

    def check(data):
        name = getattr(data, "name", "")
        if data and is_svg_name(name) and hasattr(data, "read"):
            data.seek(0)
            content = data.read()
            data.seek(0)
            try:
                sanitise_svg(content)
            except UnsafeSvg as exc:
                raise ValidationError(str(exc), code="unsafe_svg") from exc
        return to_python(data)

    return check


def _image_form_base():
    from wagtail.images.forms import BaseImageForm

    class ImageForm(BaseImageForm):
        """The admin's image form, with SVG refusals that say why.

        Set `WAGTAILIMAGES_IMAGE_FORM_BASE = "hub.images.ImageForm"` to use it.
        """

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            field = self.fields.get("file")
            if field is not None:
                field.to_python = _svg_checked(field.to_python)

    return ImageForm


def __getattr__(name):
    # Built on first use: wagtail.images.forms needs a ready app registry, and this module
    # is imported while the apps load.
    if name == "ImageForm":
        form = _image_form_base()
        globals()["ImageForm"] = form
        return form
    raise AttributeError(name)
