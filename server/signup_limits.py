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
    return [(f"{kind}-addr:{address}", config[allowed], config[window])]


def check(kind, address):
    """429 rate_limited with Retry-After when the address used up its `kind` creations."""
    rate_limits.check(limits(kind, address), "rate_limited", LIMITS[kind][2])


def record(kind, address):
    """Count one successful creation (checked before, counted after: failures cost nothing)."""
    rate_limits.record(limits(kind, address))
