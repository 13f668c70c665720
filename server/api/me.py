"""GET/PATCH /api/v1/me and POST /api/v1/me/avatar: the signed-in user's own account."""

from flask import Blueprint, g, request

from server.accounts import avatars, sessions, users, validation
from server.accounts.users import public_user
from server.auth import current_user, login_required
from server.devices import devices
from server.errors import ValidationError
from server.households.access import household_of
from server.personal.parsing import object_id
from server.requests_util import json_body

bp = Blueprint("me", __name__)
PATCHABLE = {"nickname", "current_password", "new_password", "jukebox_device_id"}


@bp.get("/me")
@login_required
def show_me():
    """The signed-in user."""
    return public_user(current_user())


@bp.patch("/me")
@login_required
def update_me():
    """Change the nickname and/or the password (which signs out every other session)."""
    body = json_body()
    unknown = sorted(set(body) - PATCHABLE)
    if unknown:
        raise ValidationError({name: "cannot be changed here" for name in unknown})
    if "nickname" in body and validation.nickname_problem(body["nickname"]):
        # Checked first so a bad nickname does not leave a half-applied change.
        raise ValidationError({"nickname": validation.nickname_problem(body["nickname"])})
    user = current_user()
    if "new_password" in body:
        user = sessions.change_password(user, body.get("current_password"), body["new_password"],
                                        g.token, request.remote_addr or "unknown")
    elif "current_password" in body:
        raise ValidationError({"new_password": "required with current_password"})
    if "nickname" in body:
        user = users.set_nickname(user["_id"], body["nickname"])
    if "jukebox_device_id" in body:
        user = users.update_user(user["_id"], {"jukebox_device_id": jukebox_choice(
            user["_id"], body["jukebox_device_id"])})
    return public_user(user)


def jukebox_choice(user_id, value):
    """The device id Subsonic's jukeboxControl drives (one of the household's), or None."""
    if value is None:
        return None
    device_id = object_id(value, "jukebox_device_id")
    devices.get_in_household(device_id, household_of(user_id))  # 404 for another's, as everywhere
    return device_id


@bp.post("/me/avatar")
@login_required
def upload_avatar():
    """Replace the avatar with the uploaded image (multipart field "avatar")."""
    upload = request.files.get("avatar")
    if upload is None:
        raise ValidationError({"avatar": "send the image as multipart field 'avatar'"})
    return public_user(avatars.save_avatar(current_user(), upload))
