"""Where uploaded files go: under generated names, never the name a file came
with (which may collide, mislead or carry personal data)."""

import uuid
from pathlib import PurePath

from django.utils.deconstruct import deconstructible


@deconstructible
class GeneratedName:
    """An `upload_to` that keeps only the folder and a lower-case extension.

    The extension is the uploaded one; the file's content is checked by the
    field's own validators (Pillow for images, magic bytes for PDF), and
    `extension` forces one where the content type is fixed."""

    def __init__(self, folder: str, extension: str = ""):
        self.folder = folder.strip("/")
        self.extension = extension

    def __call__(self, instance, filename: str) -> str:
        extension = self.extension or PurePath(filename).suffix.lower()[:10]
        return f"{self.folder}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other) -> bool:
        return isinstance(other, GeneratedName) and (
            (self.folder, self.extension) == (other.folder, other.extension)
        )

    def __hash__(self) -> int:
        return hash((self.folder, self.extension))
