"""OpenAPI: a receiver's house rules, bonus time and listening report (docs/family.md)."""

from server.openapi.components import SIGNED_IN, errors, json_body, json_response, ref

ID = {"type": "string", "pattern": "^[0-9a-f]{24}$"}
DEVICE_ID_PARAM = {"name": "device_id", "in": "path", "required": True, "schema": ID}
TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
VOLUME = {"type": "number", "minimum": 0, "maximum": 1}
INSTANT = {"type": "string", "format": "date-time"}
NAMES = {"type": "array", "items": {"type": "string", "minLength": 1}, "maxItems": 200}

DAYS = {"type": "array", "items": {"type": "object", "properties": {
    "day": {"type": "string", "format": "date"}, "minutes": {"type": "number"},
    "entries": {"type": "array", "items": {"type": "object", "properties": {
        "kind": {"enum": ["play", "stop"]}, "at": INSTANT,
        "track_id": {"oneOf": [ID, {"type": "null"}]},
        "title": {"type": ["string", "null"]}, "seconds": {"type": "number"},
        "reason": {"enum": ["quiet_time", "limit_reached"]}}}}}}}
REPORT_RANGE = [{"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}},
                {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"},
                 "description": "inclusive; at most 62 days from `from`; "
                                "default: the last 14 days"}]

RULES = {
    "type": "object",
    "properties": {
        "time_zone": {"type": "string", "description": "IANA name, e.g. Europe/Berlin",
                      "default": "UTC"},
        "max_volume": {"type": "object", "properties": {"day": VOLUME, "night": VOLUME}},
        "quiet_time": {
            "type": "array", "maxItems": 28,
            "description": "Per weekday; end <= start ends the next day; entries may not "
                           "overlap",
            "items": {"type": "object", "required": ["day", "start", "end"], "properties": {
                "day": {"enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]},
                "start": TIME, "end": TIME}}},
        "bedtime": {"type": "object", "properties": {
            "mode": {"enum": ["fade", "track"],
                     "description": "fade: fade out and pause; track: play track_ids to "
                                    "their end, then stop"},
            "fade_seconds": {"type": "number", "minimum": 0, "maximum": 120},
            "track_ids": {"type": "array", "items": ID, "maxItems": 50}}},
        "wake": {"type": "object", "properties": {
            "track_id": {"oneOf": [ID, {"type": "null"}],
                         "description": "played when quiet time ends"}}},
        "daily_limit_minutes": {"type": ["integer", "null"], "minimum": 0, "maximum": 1440},
        "allowed": {"oneOf": [{"type": "null"}, {"type": "object", "properties": {
            "categories": NAMES, "albums": NAMES,
            "playlists": {"type": "array", "items": ID, "maxItems": 200}}}],
            "description": "null allows everything; else a track must match one list"},
    },
}

SCHEMAS = {
    "HouseRules": RULES,
    "DeviceRules": {
        "type": "object", "required": ["device_id", "rules", "set", "bonus_until", "now"],
        "properties": {
            "device_id": ID, "rules": ref("HouseRules"), "set": {"type": "boolean"},
            "bonus_until": {"oneOf": [INSTANT, {"type": "null"}]},
            "now": {"type": "object", "properties": {
                "quiet": {"type": "boolean"}, "bonus": {"type": "boolean"},
                "quiet_ends_at": {"oneOf": [INSTANT, {"type": "null"}]},
                "max_volume": VOLUME, "day": {"type": "string", "format": "date"},
                "listened_seconds": {"type": "number"}, "limit_reached": {"type": "boolean"}}},
        },
    },
    "ListeningReport": {
        "type": "object", "required": ["device_id", "time_zone", "days"],
        "properties": {"device_id": ID, "time_zone": {"type": "string"}, "days": DAYS},
    },
    "MemberListeningReport": {
        "type": "object", "required": ["member_id", "time_zone", "days"],
        "description": "A child's listening from their own player's reports (adults: none)",
        "properties": {"member_id": ID, "time_zone": {"type": "string"}, "days": DAYS},
    },
}


def operation(summary, operation_id, responses, **extra):
    return {"summary": summary, "operationId": operation_id, "tags": ["rules"],
            "security": SIGNED_IN, "parameters": [DEVICE_ID_PARAM],
            "responses": responses, **extra}


RULES_RESPONSE = json_response("The rules and what applies now", ref("DeviceRules"))
WRITE_ERRORS = errors("BadRequest", "Unauthorized", "NotFound", "UnsupportedMediaType",
                      "ValidationFailed")

PATHS = {
    "/api/v1/devices/{device_id}/rules": {
        "get": operation("A receiver's house rules", "getDeviceRules",
                         {"200": RULES_RESPONSE, **errors("Unauthorized", "NotFound")}),
        "put": operation("Replace a receiver's house rules (live on the receiver and phones)",
                         "putDeviceRules", {"200": RULES_RESPONSE, **WRITE_ERRORS},
                         requestBody=json_body(ref("HouseRules"))),
    },
    "/api/v1/devices/{device_id}/bonus": {
        "post": operation(
            "Grant bonus time through quiet time, expiring by itself", "grantBonusTime",
            {"200": RULES_RESPONSE, **WRITE_ERRORS},
            requestBody=json_body({"type": "object", "required": ["minutes"], "properties": {
                "minutes": {"enum": [15, 30, 60]}}})),
    },
    "/api/v1/devices/{device_id}/report": {
        "get": {**operation(
            "Listening per local day: minutes, what played when, stops by the rules",
            "getListeningReport",
            {"200": json_response("The report", ref("ListeningReport")),
             **errors("Unauthorized", "NotFound", "ValidationFailed")}),
            "parameters": [DEVICE_ID_PARAM, *REPORT_RANGE]},
    },
}
