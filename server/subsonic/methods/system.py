"""ping, getLicense, getOpenSubsonicExtensions, getMusicFolders, getUser, scans."""

import subprocess
import sys
import threading

from flask import current_app, g

from server.config import PROJECT_ROOT
from server.library import scan_process, scan_status
from server.subsonic.errors import NOT_AUTHORIZED, SubsonicError, not_found
from server.subsonic.registry import method

MUSIC_FOLDER_ID = 1
EXTENSIONS = [
    {"name": "apiKeyAuthentication", "versions": [1]},
    {"name": "formPost", "versions": [1]},
    {"name": "songLyrics", "versions": [1]},
    {"name": "transcodeOffset", "versions": [1]},
]


@method("ping")
def ping(params):
    """Credentials are right."""
    return {}


@method("getLicense")
def get_license(params):
    return {"license": {"valid": True}}


@method("getOpenSubsonicExtensions", public=True)
def get_extensions(params):
    """The extensions Tapcast speaks (public, so clients can choose how to sign in)."""
    return {"openSubsonicExtensions": EXTENSIONS}


@method("getMusicFolders")
def get_music_folders(params):
    """One folder: the whole library (music folders are merged into one catalogue)."""
    return {"musicFolders": {"musicFolder": [{"id": MUSIC_FOLDER_ID, "name": "Library"}]}}


def user_shape(user):
    admin = bool(user.get("is_admin"))
    roles = dict.fromkeys(("scrobblingEnabled", "settingsRole", "downloadRole", "playlistRole",
                           "coverArtRole", "streamRole", "jukeboxRole"), True)
    roles.update(dict.fromkeys(("uploadRole", "commentRole", "podcastRole", "shareRole",
                                "videoConversionRole"), False))
    return {"username": user["username"], "email": None, "adminRole": admin, **roles,
            "folder": [MUSIC_FOLDER_ID]}


@method("getUser")
def get_user(params):
    """The caller (anyone else's account is not shown, as in /api/v1)."""
    username = params.required("username")
    if username.casefold() != g.subsonic_user["username"].casefold():
        if not g.subsonic_user.get("is_admin"):
            raise SubsonicError(NOT_AUTHORIZED, "Only your own account can be read")
        raise not_found("User")
    return {"user": user_shape(g.subsonic_user)}


def scan_shape(status):
    return {"scanStatus": {"scanning": status["state"] == "running",
                           "count": status["counts"].get("seen", 0)}}


@method("getScanStatus")
def get_scan_status(params):
    return scan_shape(scan_status.load())


@method("startScan", admin=True)
def start_scan(params):
    """Scan the music folders now, in a child process (`scan --if-idle`: one at a time)."""
    if current_app.config.get("MUSIC_FOLDERS"):
        child = subprocess.Popen([sys.executable, "-m", "server", "scan", "--if-idle"],
                                 cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL,
                                 preexec_fn=scan_process.die_with_parent)
        threading.Thread(target=child.wait, daemon=True).start()  # reaped when it ends
    return scan_shape({**scan_status.load(), "state": "running"}
                      if current_app.config.get("MUSIC_FOLDERS") else scan_status.load())
