"""Households, members and invitations as the API shows them."""

from server.accounts.users import avatar_url
from server.households import access, invites, store


def household(doc, entry):
    """The household as one of its members sees it (their own role included)."""
    return {"id": str(doc["_id"]), "name": doc["name"], "time_zone": doc["time_zone"],
            "role": entry["role"], "allowed_categories": entry.get("allowed_categories")
            if entry["role"] == "child" else None,
            "created_at": doc["created_at"]}


def for_member(user):
    """The user's household as they see it."""
    return household(*access.membership(user))


def member(entry, user):
    return {"id": str(user["_id"]), "username": user["username"],
            "nickname": user.get("nickname") or user["username"],
            "avatar_url": avatar_url(user), "role": entry["role"],
            "allowed_categories": entry.get("allowed_categories"),
            "joined_at": entry["joined_at"]}


def members(doc):
    """Every live member, adults first, then by joining time."""
    rows = store.live_members(doc)
    rows.sort(key=lambda row: (row[0]["role"] != "adult", row[0]["joined_at"]))
    return [member(entry, user) for entry, user in rows]


def invite(item, base_url):
    code = item["code"]
    return {"code": code, "role": item["role"], "expires_at": item["expires_at"],
            "created_at": item["created_at"], "link": join_link(base_url, code),
            "qr_url": f"/api/v1/household/invite-qr.svg?code={code}"}


def join_link(base_url, code):
    """What an invitation's QR code holds: the app's URL with the code."""
    return f"{base_url.rstrip('/')}/?join={code}"


def open_invites(doc, base_url):
    return [invite(item, base_url) for item in invites.open_invites(doc)]
