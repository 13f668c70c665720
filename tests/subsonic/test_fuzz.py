"""Fuzzing /rest/*: any method, any mix of parameters, GET or POST, every format.

Hypothesis draws the calls (the engine Schemathesis runs on); every answer must be HTTP
200/206 with a valid envelope (XML, JSON or JSONP) or a media file, never a 5xx or HTML.
"""

import json
import os
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from server.subsonic.registry import METHODS
from tests.subsonic.conftest import sid

CODES = {0, 10, 40, 41, 42, 43, 44, 50, 70}
NAMES = ("id", "albumId", "artistId", "songId", "playlistId", "songIdToAdd",
         "songIndexToRemove", "query", "size", "count", "offset", "songCount", "songOffset",
         "albumCount", "artistCount", "type", "fromYear", "toYear", "genre", "format",
         "maxBitRate", "timeOffset", "action", "index", "gain", "position", "current",
         "submission", "rating", "name", "username", "artist", "title", "comment", "u", "p",
         "t", "s", "musicFolderId", "estimateContentLength")
EXAMPLES = int(os.environ.get("SUBSONIC_FUZZ_EXAMPLES", "200"))


def values(known):
    return st.one_of(
        st.sampled_from(known), st.text(max_size=30),
        st.integers(-10**12, 10**12).map(str),
        st.sampled_from(["", '""', "-1", "1e9", "enc:zz", "tr-", "al-", "pl-xyz", "NaN",
                         "get", "add", "skip", "setGain", "random", "byYear", "opus", "raw",
                         "mp3", "true", "999999999999999999999", "\x00", "'; DROP", "*"]))


def check(response):
    assert response.status_code in (200, 206), (response.status_code, response.data[:300])
    kind = response.mimetype
    if kind == "text/xml":
        root = ElementTree.fromstring(response.data)
        assert root.tag == "{http://subsonic.org/restapi}subsonic-response"
        body = {"status": root.get("status")}
        if body["status"] == "failed":
            body["error"] = {"code": int(root.find(
                "{http://subsonic.org/restapi}error").get("code"))}
    elif kind in ("application/json", "application/javascript"):
        text = response.get_data(as_text=True)
        if kind == "application/javascript":
            text = text[text.index("(") + 1:-2]
        body = json.loads(text)["subsonic-response"]
    else:
        assert kind.startswith(("audio/", "image/")), kind
        return
    assert body["status"] in ("ok", "failed")
    if body["status"] == "failed":
        assert body["error"]["code"] in CODES


@pytest.fixture
def fuzz_target(app, account, library):
    me = account()
    playlist = app.test_client().get("/rest/createPlaylist", query_string={
        "apiKey": me["key"], "name": "Fuzz", "songId": sid(library[0]), "f": "json"})
    playlist_id = playlist.get_json()["subsonic-response"]["playlist"]["id"]
    return me["key"], [sid(doc) for doc in library] + [playlist_id, "tr-" + "f" * 24]


def test_rest_parameters_never_break_the_envelope(app, fuzz_target):
    key, known = fuzz_target
    client = app.test_client()
    methods = sorted(METHODS) + ["nothing", "ping.view", "getSong.view"]

    @seed(int(os.environ.get("SUBSONIC_FUZZ_SEED", "1313")))
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(method=st.sampled_from(methods),
           params=st.lists(st.tuples(st.sampled_from(NAMES), values(known)), max_size=8),
           fmt=st.sampled_from([None, "xml", "json", "jsonp", "bogus"]),
           callback=st.sampled_from([None, "cb", "1bad", "a.b"]),
           auth=st.sampled_from(["key", "none", "bad"]), post=st.booleans())
    def call(method, params, fmt, callback, auth, post):
        pairs = list(params)
        if auth == "key":
            pairs.append(("apiKey", key))
        elif auth == "bad":
            pairs.append(("apiKey", "tcs_" + "x" * 10))
        pairs += [(name, value) for name, value in (("f", fmt), ("callback", callback))
                  if value is not None]
        if post:
            response = client.post(f"/rest/{method}", data=MultiDict(pairs))
        else:
            response = client.get(f"/rest/{method}", query_string=pairs)
        try:
            check(response)
        finally:
            response.close()

    call()
