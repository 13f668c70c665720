"""The JSON boundary: ObjectId as hex strings, datetimes as ISO 8601 UTC, `_id` as `id`."""

from datetime import UTC, datetime

from bson import ObjectId
from flask.json.provider import DefaultJSONProvider


def iso(value):
    """A datetime as ISO 8601 UTC with a Z suffix (naive datetimes are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def utcnow():
    return datetime.now(UTC)


def public(doc, drop=()):
    """A copy of a Mongo document fit for JSON: `_id` renamed `id`, private fields dropped."""
    if doc is None:
        return None
    out = {key: value for key, value in doc.items() if key not in drop and key != "_id"}
    if "_id" in doc:
        out = {"id": str(doc["_id"]), **out}
    return out


class ApiJSONProvider(DefaultJSONProvider):
    """Flask's provider, taught ObjectId and ISO datetimes (Flask writes HTTP dates)."""

    sort_keys = False

    @staticmethod
    def default(o):
        if isinstance(o, ObjectId):
            return str(o)
        if isinstance(o, datetime):
            return iso(o)
        return DefaultJSONProvider.default(o)
