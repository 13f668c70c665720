"""Unauthenticated sign-ups and receiver registrations, limited per client address."""

from flask import current_app

from server import rate_limits

LIMITS = {
    # kind: (events allowed setting, window setting, message)
    "register": ("REGISTRATIONS_PER_ADDRESS", "REGISTRATION_WINDOW_SECONDS",
                 "Too many accounts created from this address; wait before trying again"),
    "device": ("DEVICE_REGISTRATIONS_PER_ADDRESS", "DEVICE_REGISTRATION_WINDOW_SECONDS",
               "Too many receivers registered from this address; wait before trying again"),
}


def limits(kind, address):
    allowed, window, _ = LIMITS[kind]
    config = current_app.config
    return [rate_limits.Limit(f"{kind}-addr:{address}", config[allowed], config[window])]


def take(kind, address):
    """Count one `kind` creation before doing it; 429 rate_limited with Retry-After when over.

    Returns the slots to release() if the creation is refused for malformed input.
    """
    return rate_limits.take_all(limits(kind, address), "rate_limited", LIMITS[kind][2])


def release(taken):
    rate_limits.release(taken)
