"""The <oid:...> URL converter: a malformed ObjectId does not match, so it is a 404, not a 500."""

from bson import ObjectId
from bson.errors import InvalidId
from werkzeug.routing import BaseConverter, ValidationError


class ObjectIdConverter(BaseConverter):
    regex = "[0-9a-fA-F]{24}"

    def to_python(self, value):
        try:
            return ObjectId(value)
        except (InvalidId, TypeError) as exc:
            raise ValidationError() from exc

    def to_url(self, value):
        return str(value)


def init_app(app):
    app.url_map.converters["oid"] = ObjectIdConverter
