"""Reading ids out of JSON bodies: a bad one is a 422 naming the field."""

from bson import ObjectId
from bson.errors import InvalidId

from server.errors import ValidationError


def object_id(value, field):
    """The ObjectId in a JSON string; 422 naming `field` otherwise."""
    if isinstance(value, str) and len(value) == 24:
        try:
            return ObjectId(value)
        except InvalidId:
            pass
    raise ValidationError({field: "must be an id (24 hex characters)"})


def object_id_list(value, field, max_items):
    """A list of 1..max_items ObjectIds from JSON strings, order kept; 422 otherwise."""
    if not isinstance(value, list) or not 1 <= len(value) <= max_items:
        raise ValidationError({field: f"must be a list of 1 to {max_items} ids"})
    return [object_id(item, field) for item in value]
