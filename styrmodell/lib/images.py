"""Which raster image a file holds, judged by its content and never by its name.

The kommun's logo is shown on every page and drawn on every report's cover, so only PNG and
JPEG are taken: an SVG is a document that may run script and fetch from anywhere.
"""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
JPEG_MAGIC = b"\xff\xd8\xff"
CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg"}
MAX_SIDE = 5000  # pixels; a logo is a few hundred


class NotAnImage(ValueError):
    """The bytes are not a whole PNG or JPEG image."""


class TooLarge(ValueError):
    """The image is wider or higher than ``MAX_SIDE`` pixels."""


def raster_content_type(data: bytes) -> str:
    """``image/png`` or ``image/jpeg`` for a PNG or JPEG that Pillow reads to its end.

    Raises ``NotAnImage`` for anything else (SVG, HTML, GIF, a truncated file) and
    ``TooLarge`` for an image with a side over ``MAX_SIDE`` pixels, before decoding it.
    """
    if not data.startswith((PNG_MAGIC, JPEG_MAGIC)):
        raise NotAnImage
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in CONTENT_TYPES:
                raise NotAnImage
            if max(image.size) > MAX_SIDE:
                raise TooLarge
            image.load()
            return CONTENT_TYPES[image.format]
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
    ) as error:
        if isinstance(error, NotAnImage | TooLarge):
            raise
        raise NotAnImage from error
