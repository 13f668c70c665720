"""OpenAPI: /api/v1/household, its members, invitations and joins (docs/family.md)."""

from server.openapi.components import (
    SIGNED_IN,
    errors,
    json_body,
    json_response,
    page_of,
    path_id,
    ref,
)
from server.openapi.rules import REPORT_RANGE

ROLE = {"type": "string", "enum": ["adult", "child"]}
CATEGORIES = {"type": ["array", "null"], "maxItems": 100,
              "items": {"type": "string", "minLength": 1, "maxLength": 64},
              "description": "A child's allowed categories (null: everything)"}
MEMBER_ID = path_id("member_id", "The member (a user id)")

SCHEMAS = {
    "Household": {
        "type": "object",
        "required": ["id", "name", "time_zone", "role", "allowed_categories", "created_at"],
        "properties": {
            "id": {"type": "string"},
            "name": {"type": "string"},
            "time_zone": {"type": "string", "description": "IANA name, e.g. Europe/Berlin"},
            "role": {**ROLE, "description": "The caller's role"},
            "allowed_categories": {**CATEGORIES, "description": "The caller's, when a child"},
            "created_at": {"type": "string", "format": "date-time"},
        },
    },
    "HouseholdUpdate": {
        "type": "object", "additionalProperties": False,
        "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 60},
                       "time_zone": {"type": "string", "minLength": 1, "maxLength": 64}},
    },
    "Member": {
        "type": "object",
        "required": ["id", "username", "nickname", "avatar_url", "role",
                     "allowed_categories", "joined_at"],
        "properties": {
            "id": {"type": "string"}, "username": {"type": "string"},
            "nickname": {"type": "string"}, "avatar_url": {"type": ["string", "null"]},
            "role": ROLE, "allowed_categories": CATEGORIES,
            "joined_at": {"type": "string", "format": "date-time"},
        },
    },
    "MemberUpdate": {
        "type": "object", "additionalProperties": False,
        "properties": {"role": ROLE, "allowed_categories": CATEGORIES},
    },
    "Invite": {
        "type": "object",
        "required": ["code", "role", "expires_at", "created_at", "link", "qr_url"],
        "properties": {
            "code": {"type": "string", "minLength": 8, "maxLength": 8},
            "role": ROLE,
            "expires_at": {"type": "string", "format": "date-time"},
            "created_at": {"type": "string", "format": "date-time"},
            "link": {"type": "string", "description": "<origin>/?join=<code>"},
            "qr_url": {"type": "string", "description": "The link as a QR code (SVG)"},
        },
    },
}


def operation(summary, operation_id, responses, **extra):
    return {"summary": summary, "operationId": operation_id, "tags": ["household"],
            "security": SIGNED_IN, "responses": responses, **extra}


HOUSEHOLD = json_response("The household", ref("Household"))
MEMBER = json_response("The member", ref("Member"))
WRITE_ERRORS = ("BadRequest", "Unauthorized", "Forbidden", "UnsupportedMediaType",
                "ValidationFailed")

PATHS = {
    "/api/v1/household": {
        "get": operation("The signed-in user's household and their role", "getHousehold",
                         {"200": HOUSEHOLD, **errors("Unauthorized")}),
        "patch": operation(
            "Rename the household or change its IANA time zone (adults)", "updateHousehold",
            {"200": HOUSEHOLD, **errors(*WRITE_ERRORS)},
            requestBody=json_body(ref("HouseholdUpdate"))),
    },
    "/api/v1/household/members": {
        "get": operation("Every member of the household, adults first", "listMembers",
                         {"200": json_response("The members", page_of(ref("Member"))),
                          **errors("Unauthorized")}),
    },
    "/api/v1/household/members/{member_id}": {
        "patch": operation(
            "Change a member's role or a child's allowed categories (adults; 409 last_adult "
            "for the last adult's demotion)", "updateMember",
            {"200": MEMBER, **errors(*WRITE_ERRORS, "NotFound", "Conflict")},
            parameters=[MEMBER_ID], requestBody=json_body(ref("MemberUpdate"))),
        "delete": operation(
            "Remove a member, or leave with your own id (adults; 409 last_adult): the member "
            "moves to a new household of their own and loses this one's data at once",
            "removeMember",
            {"204": {"description": "Removed"},
             **errors("Unauthorized", "Forbidden", "NotFound", "Conflict")},
            parameters=[MEMBER_ID]),
    },
    "/api/v1/household/members/{member_id}/report": {
        "get": operation(
            "A member's listening per day in the household's time zone, counted from a "
            "child's own player (adults read any member's; a child only their own, else 403 "
            "adult_required)", "getMemberListeningReport",
            {"200": json_response("The report", ref("MemberListeningReport")),
             **errors("Unauthorized", "Forbidden", "NotFound", "ValidationFailed")},
            parameters=[MEMBER_ID, *REPORT_RANGE]),
    },
    "/api/v1/household/invites": {
        "get": operation("The household's open invitations (adults)", "listInvites",
                         {"200": json_response("The invitations", page_of(ref("Invite"))),
                          **errors("Unauthorized", "Forbidden")}),
        "post": operation(
            "A new single-use invitation code, expiring (adults)", "createInvite",
            {"201": json_response("The invitation", ref("Invite")),
             **errors(*WRITE_ERRORS, "Conflict")},
            requestBody=json_body({"type": "object", "additionalProperties": False,
                                   "properties": {"role": ROLE}}, required=False)),
    },
    "/api/v1/household/invite-qr.svg": {
        "get": {
            "summary": "An invitation's QR code as SVG; it holds <origin>/?join=<code>",
            "operationId": "getInviteQr", "tags": ["household"],
            "parameters": [{"name": "code", "in": "query", "required": True,
                            "schema": {"type": "string"}}],
            "responses": {"200": {"description": "SVG image", "content": {
                "image/svg+xml": {"schema": {"type": "string"}}}},
                **errors("ValidationFailed")},
        },
    },
    "/api/v1/household/join": {
        "post": operation(
            "Join the household of an invitation code, or of the pairing code a receiver of "
            "that household shows (404 invalid_invite: unknown, used or expired)",
            "joinHousehold",
            {"200": HOUSEHOLD, **errors(*WRITE_ERRORS, "NotFound", "RateLimited")},
            requestBody=json_body({"type": "object", "required": ["code"],
                                   "additionalProperties": False,
                                   "properties": {"code": {"type": "string", "minLength": 1,
                                                           "maxLength": 32}}})),
    },
}
