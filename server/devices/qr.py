"""The pairing QR code as SVG (rendered here, so the receiver needs no QR library)."""

import qrcode
import qrcode.image.svg


def pairing_link(base_url, code):
    """What the QR code holds: the app's URL with the code, for a phone camera to open."""
    return f"{base_url.rstrip('/')}/?pair={code}"


def svg(text):
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    return image.to_string(encoding="unicode")
