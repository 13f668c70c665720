"""Cover images with Pillow: full size and thumbnail from any image, and generated covers."""

import colorsys
import hashlib
import io
import warnings

from PIL import Image, ImageDraw, ImageFont, ImageOps

FULL_SIZE = 1000
THUMB_SIZE = 256
MAX_PIXELS = 40_000_000


class BadImage(Exception):
    """The bytes are not an image Pillow can use."""


def open_image(data):
    """A loaded RGB image from bytes; BadImage for anything else (decompression bombs too)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise BadImage("image too large")
            image.load()
    except BadImage:
        raise
    except Exception as exc:
        # Untrusted bytes: Pillow's decoders raise many kinds of errors on damaged input.
        raise BadImage(f"not a usable image: {exc}") from None
    return ImageOps.exif_transpose(image).convert("RGB")


def jpeg(image):
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def cover_images(data):
    """(full JPEG bytes, square thumbnail JPEG bytes) from image bytes of any format."""
    image = open_image(data)
    full = image.copy()
    full.thumbnail((FULL_SIZE, FULL_SIZE))
    thumb = ImageOps.fit(image, (THUMB_SIZE, THUMB_SIZE), Image.Resampling.LANCZOS)
    return jpeg(full), jpeg(thumb)


def palette(seed):
    """Two pleasant colours derived from a string."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    hue = digest[0] / 255
    top = colorsys.hsv_to_rgb(hue, 0.55, 0.95)
    bottom = colorsys.hsv_to_rgb((hue + 0.12) % 1, 0.75, 0.55)
    return tuple(int(c * 255) for c in top), tuple(int(c * 255) for c in bottom)


def gradient(size, top, bottom):
    image = Image.new("RGB", (size, size), top)
    draw = ImageDraw.Draw(image)
    for y in range(size):
        mix = y / (size - 1)
        colour = tuple(int(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (size, y)], fill=colour)
    return image


def font(size):
    return ImageFont.load_default(size=size)


def generated_cover(title, subtitle="", size=600):
    """A JPEG cover for a title: a colour gradient, a record, the initials and the title."""
    top, bottom = palette(title + subtitle)
    image = gradient(size, top, bottom)
    draw = ImageDraw.Draw(image)
    centre, radius = size // 2, size * 0.3
    draw.ellipse([centre - radius, centre - radius - size * 0.08,
                  centre + radius, centre + radius - size * 0.08], fill=(25, 25, 35))
    initials = "".join(word[0] for word in title.split()[:2]).upper() or "?"
    draw.text((centre, centre - size * 0.08), initials, fill=(255, 255, 255),
              font=font(int(size * 0.18)), anchor="mm")
    draw.text((centre, size * 0.84), title[:28], fill=(255, 255, 255),
              font=font(int(size * 0.065)), anchor="mm")
    if subtitle:
        draw.text((centre, size * 0.92), subtitle[:36], fill=(235, 235, 235),
                  font=font(int(size * 0.045)), anchor="mm")
    return jpeg(image)


def default_cover(size):
    """The cover shown for tracks without one: a grey record."""
    image = gradient(size, (120, 126, 140), (60, 64, 76))
    draw = ImageDraw.Draw(image)
    centre = size / 2
    for ratio, colour in ((0.36, (25, 25, 35)), (0.12, (200, 80, 70)), (0.02, (240, 240, 240))):
        r = size * ratio
        draw.ellipse([centre - r, centre - r, centre + r, centre + r], fill=colour)
    return jpeg(image)
