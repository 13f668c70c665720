"""Validating the editable fields of a track (upload form and PATCH body alike)."""

from server.errors import ValidationError

TEXT_LIMITS = {"title": 200, "artist": 200, "album": 200, "category": 60}
REQUIRED_TEXT = ("title", "category")  # may be omitted, never blank
MAX_TAGS = 20
MAX_TAG_LENGTH = 40
EDITABLE = (*TEXT_LIMITS, "tags")


def clean_text(name, value):
    """(clean value, error) for one text field; artist and album may be cleared."""
    if value is None:
        return (None, None) if name not in REQUIRED_TEXT else (None, "must not be empty")
    if not isinstance(value, str):
        return None, "must be a string"
    text = " ".join(value.split())
    if not text:
        return (None, None) if name not in REQUIRED_TEXT else (None, "must not be empty")
    if len(text) > TEXT_LIMITS[name]:
        return None, f"must be at most {TEXT_LIMITS[name]} characters"
    return text, None


def clean_tags(value):
    """(list of distinct tags, error)."""
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        return None, "must be a list of strings"
    tags, seen = [], set()
    for raw in value:
        tag = " ".join(raw.split())
        if not tag or tag.casefold() in seen:
            continue
        if len(tag) > MAX_TAG_LENGTH:
            return None, f"each tag must be at most {MAX_TAG_LENGTH} characters"
        seen.add(tag.casefold())
        tags.append(tag)
    if len(tags) > MAX_TAGS:
        return None, f"at most {MAX_TAGS} tags"
    return tags, None


def clean_fields(raw, extra_errors=None):
    """The cleaned editable fields present in raw; ValidationError naming every bad field."""
    errors = dict(extra_errors or {})
    cleaned = {}
    for name, value in raw.items():
        if name == "tags":
            result, error = clean_tags(value)
        elif name in TEXT_LIMITS:
            result, error = clean_text(name, value)
        else:
            result, error = None, "unknown field"
        if error:
            errors.setdefault(name, error)  # a caller's more specific reason wins
        else:
            cleaned[name] = result
    if errors:
        raise ValidationError(errors)
    return cleaned
