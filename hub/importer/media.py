"""Images and documents from the old sites' upload folders into Wagtail.

Files are looked up in the repository (`/uploads/x.png` in `_uploads/` or `uploads/`),
de-duplicated by content hash against what Wagtail already has (so re-runs and the same
logo on many pages create one image), and every file written to storage is remembered so
that a rolled-back import can remove it again.
"""

import hashlib
import re
from io import BytesIO
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import UnidentifiedImageError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.utils import get_allowed_image_extensions

from hub.images import UnsafeSvg, sanitise_svg

from .report import (
    EXTERNAL_IMAGE,
    IMAGE_FORMAT,
    IMAGE_UNREADABLE,
    MISSING_FILE,
)

UPLOAD_DIRS = ("_uploads", "uploads")
_LIQUID = re.compile(r"\{\{.*?\}\}")


def humanise(stem):
    """'medborgarjury-1' -> 'Medborgarjury 1': a title for an image from its file name."""
    words = re.sub(r"[-_]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else stem


class MediaImporter:
    """Finds and imports the files a run refers to; one instance per run."""

    def __init__(self, root, report, site_url=""):
        self.root = Path(root)
        self.report = report
        host = (urlparse(site_url).hostname or "").removeprefix("www.") if site_url else ""
        self.site_hosts = {host, f"www.{host}"} if host else set()
        self.written = []  # (storage, name) of every file this run saved
        self._images = {}
        self._documents = {}
        self.image_model = get_image_model()
        self.document_model = get_document_model()
        self.image_extensions = {ext.lower() for ext in get_allowed_image_extensions()}
        self.document_extensions = {
            ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
        }

    # --- finding files -------------------------------------------------------------------

    def local_path(self, reference, doc_path=""):
        """The repository file a reference points at, or None.

        Understands `/uploads/x.png`, `uploads/x.png`, `../uploads/x.png`, `{{ site.baseurl }}`
        prefixes and absolute links to the old site itself.
        """
        reference = _LIQUID.sub("", str(reference or "")).strip()
        if not reference:
            return None
        parsed = urlparse(reference)
        if parsed.scheme in ("http", "https"):
            if parsed.hostname not in self.site_hosts:
                return None
        elif parsed.scheme:
            return None
        path = unquote(parsed.path)
        if not path:
            return None
        pure = PurePosixPath(path)
        candidates = []
        if not path.startswith("/") and doc_path:
            candidates.append(PurePosixPath(doc_path).parent / pure)
        relative = PurePosixPath(*[part for part in pure.parts if part not in ("/", "..", ".")])
        candidates.append(relative)
        if relative.parts and relative.parts[0] in UPLOAD_DIRS:
            rest = PurePosixPath(*relative.parts[1:]) if len(relative.parts) > 1 else None
            if rest:
                candidates.extend(PurePosixPath(folder) / rest for folder in UPLOAD_DIRS)
        for candidate in candidates:
            full = (self.root / candidate).resolve()
            if full.is_relative_to(self.root) and full.is_file():
                return full
        return None

    def is_upload_reference(self, reference):
        """Whether a reference looks like one of the site's own files (not an external link)."""
        reference = _LIQUID.sub("", str(reference or "")).strip()
        parsed = urlparse(reference)
        if parsed.scheme in ("http", "https"):
            return parsed.hostname in self.site_hosts
        return not parsed.scheme and bool(parsed.path)

    def fingerprint(self, references, doc_path=""):
        """A hash over the referenced local files' contents (for change detection)."""
        digest = hashlib.sha256()
        for reference in sorted({str(r) for r in references if r}):
            path = self.local_path(reference, doc_path)
            digest.update(reference.encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest() if path else b"missing")
        return digest.hexdigest()

    # --- importing -----------------------------------------------------------------------

    def image(self, reference, doc_path, *, title=""):
        """A Wagtail image for `reference`, or None (with a warning in the report)."""
        if not reference:
            return None
        reference = str(reference).strip()
        path = self.local_path(reference, doc_path)
        if path is None:
            if self.is_upload_reference(reference):
                self.report.warning(doc_path, f"image {reference} not found in the repository",
                                    kind=MISSING_FILE)
            else:
                self.report.warning(doc_path, f"external image {reference} not imported",
                                    kind=EXTERNAL_IMAGE)
            return None
        if path in self._images:
            return self._images[path]
        image = self._import_image(path, doc_path, title)
        self._images[path] = image
        return image

    def document(self, reference, doc_path):
        """A Wagtail document for a link to an uploaded file, or None to leave the link be."""
        path = self.local_path(reference, doc_path)
        if path is None:
            suffix = PurePosixPath(urlparse(str(reference)).path).suffix.lower().lstrip(".")
            if suffix in self.document_extensions and self.is_upload_reference(reference):
                self.report.warning(
                    doc_path, f"linked file {reference} not found in the repository",
                    kind=MISSING_FILE,
                )
            return None
        if path.suffix.lower().lstrip(".") not in self.document_extensions:
            return None
        if path in self._documents:
            return self._documents[path]
        data = path.read_bytes()
        file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own file hash
        document = self.document_model.objects.filter(file_hash=file_hash).first()
        if document is None:
            document = self.document_model(title=humanise(path.stem))
            document.file = SimpleUploadedFile(path.name, data)
            document.file_size = len(data)
            document.file_hash = file_hash
            document.save()
            self.written.append((document.file.storage, document.file.name))
        self._documents[path] = document
        return document

    def _import_image(self, path, doc_path, title):
        extension = path.suffix.lower().lstrip(".")
        if extension not in self.image_extensions:
            self.report.warning(
                doc_path, f"image {path.name}: .{extension} files are not accepted by the hub",
                kind=IMAGE_FORMAT,
            )
            return None
        data = path.read_bytes()
        if extension == "svg":
            # Sanitised before hashing: the stored file is the sanitised one (hub.images
            # does it again on save, to the same bytes), so re-runs find it by its hash.
            try:
                data = sanitise_svg(data)
            except UnsafeSvg as exc:
                self.report.warning(doc_path, f"image {path.name} refused: {exc}",
                                    kind=IMAGE_UNREADABLE)
                return None
        file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 - Wagtail's own file hash
        existing = self.image_model.objects.filter(file_hash=file_hash).first()
        if existing is not None:
            return existing
        if extension != "svg":
            try:
                with PILImage.open(BytesIO(data)) as probe:
                    probe.verify()
            except (UnidentifiedImageError, OSError, SyntaxError):
                self.report.warning(doc_path, f"image {path.name} is not a readable image file",
                                    kind=IMAGE_UNREADABLE)
                return None
        image = self.image_model(title=(title or humanise(path.stem))[:255])
        image.file = ImageFile(BytesIO(data), name=path.name)
        image.file_size = len(data)
        image.file_hash = file_hash
        image.save()
        self.written.append((image.file.storage, image.file.name))
        return image

    def discard_written(self):
        """Remove the files this run wrote (after a rollback or a dry run)."""
        for storage, name in self.written:
            if storage.exists(name):
                storage.delete(name)
        self.written.clear()
