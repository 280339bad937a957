import io

import pytest
from PIL import Image

from styrmodell.lib import images


def encoded(kind: str, size=(3, 2)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size).save(out, kind)
    return out.getvalue()


def test_png_and_jpeg_by_their_content():
    assert images.raster_content_type(encoded("PNG")) == "image/png"
    assert images.raster_content_type(encoded("JPEG")) == "image/jpeg"


@pytest.mark.parametrize(
    "data",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        b"<html><script>alert(1)</script></html>",
        encoded("GIF"),
        encoded("PNG")[:40],  # cut short
        images.PNG_MAGIC + b"<svg/>",
    ],
)
def test_anything_else_is_not_an_image(data):
    with pytest.raises(images.NotAnImage):
        images.raster_content_type(data)


def test_a_huge_image_is_refused_before_it_is_decoded():
    with pytest.raises(images.TooLarge):
        images.raster_content_type(encoded("PNG", (images.MAX_SIDE + 1, 1)))
