"""The pairing QR code as SVG (rendered here, so the receiver needs no QR library).

Rendering is pure Python and anyone may ask for it: it runs in the CPU pool, and the codes
asked for recently are answered from a cache.
"""

import functools

import qrcode
import qrcode.image.svg

from server import cpu_pool

CACHED_CODES = 256


def pairing_link(base_url, code):
    """What the QR code holds: the app's URL with the code, for a phone camera to open."""
    return f"{base_url.rstrip('/')}/?pair={code}"


@functools.lru_cache(maxsize=CACHED_CODES)
def svg(text):
    """The QR code of text as an SVG document."""
    return cpu_pool.run(render, text)


def render(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")
