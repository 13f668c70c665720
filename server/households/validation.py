"""Checking what a client sends about a household: names, time zones, roles, categories."""

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from server.errors import ValidationError
from server.households.store import ROLES

MAX_NAME = 60
MAX_CATEGORIES = 100
MAX_CATEGORY = 64


def name(value):
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= MAX_NAME:
        raise ValidationError({"name": f"must be a string of 1 to {MAX_NAME} characters"})
    return value.strip()


def time_zone(value):
    """An IANA time zone name that zoneinfo knows ("Europe/Berlin")."""
    problem = {"time_zone": "must be an IANA time zone name, such as Europe/Berlin"}
    if not isinstance(value, str) or not 1 <= len(value) <= 64 or value != value.strip():
        raise ValidationError(problem)
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ValidationError(problem) from None
    return value


def role(value):
    if value not in ROLES:
        raise ValidationError({"role": f"must be one of {', '.join(ROLES)}"})
    return value


def allowed_categories(value):
    """None (anything) or a list of category names."""
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > MAX_CATEGORIES or not all(
            isinstance(item, str) and 1 <= len(item.strip()) <= MAX_CATEGORY for item in value):
        raise ValidationError({"allowed_categories": f"must be null or a list of at most "
                               f"{MAX_CATEGORIES} category names"})
    return sorted({item.strip() for item in value})


def only(body, allowed):
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise ValidationError({field: "cannot be changed here" for field in unknown})
