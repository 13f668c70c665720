"""Bad input answers Subsonic's error codes inside the envelope, with HTTP 200."""

import pytest
from bson import ObjectId

from server.library.catalogue import journal
from tests.subsonic.conftest import PASSWORD

pytestmark = pytest.mark.usefixtures("live_server")


def call(client, method, **params):
    response = client.get(f"/rest/{method}", query_string={"f": "json", **params})
    assert response.status_code == 200, response.data
    return response.get_json()["subsonic-response"]


def code(body):
    assert body["status"] == "failed", body
    return body["error"]["code"]


@pytest.fixture
def key(account):
    return account()["key"]


def test_every_failure_is_an_envelope_with_its_code(client, account, key):
    assert code(call(client, "ping")) == 10
    assert code(call(client, "ping", u="listener", p="wrong")) == 40
    assert code(call(client, "ping", u="listener", t="abc", s="def")) == 41
    assert code(call(client, "ping", apiKey=key, u="listener", p=PASSWORD)) == 43
    assert code(call(client, "ping", apiKey="tcs_nope")) == 44
    assert code(call(client, "startScan", apiKey=key)) == 50
    assert code(call(client, "getSong", apiKey=key)) == 10
    assert code(call(client, "getSong", apiKey=key, id=f"tr-{ObjectId()}")) == 70
    assert code(call(client, "getRandomSongs", apiKey=key, size="ten")) == 10
    assert code(call(client, "getUser", apiKey=key, username="someone-else")) == 50
    assert call(client, "ping", u="listener", p="enc:" + PASSWORD.encode().hex().upper())[
        "status"] == "ok"


def test_failed_passwords_count_against_the_sign_in_limits(client, account):
    account()
    for _ in range(5):
        assert code(call(client, "ping", u="listener", p="wrong")) == 40
    body = call(client, "ping", u="listener", p=PASSWORD)
    assert code(body) == 40 and "Too many failed sign-ins" in body["error"]["message"]


def test_revoked_key_is_44(client, account):
    me = account()
    headers = {"Authorization": f"Bearer {me['token']}"}
    [listed] = client.get("/api/v1/me/subsonic-keys", headers=headers).get_json()["items"]
    assert "key" not in listed and listed["hint"] == me["key"][-4:]
    other = account("someone")
    other_headers = {"Authorization": f"Bearer {other['token']}"}
    assert client.delete(f"/api/v1/me/subsonic-keys/{listed['id']}",
                         headers=other_headers).status_code == 404
    assert call(client, "ping", apiKey=me["key"])["status"] == "ok"
    assert client.delete(f"/api/v1/me/subsonic-keys/{listed['id']}",
                         headers=headers).status_code == 204
    assert code(call(client, "ping", apiKey=me["key"])) == 44


def test_sizes_are_capped_at_500(client, db, key):
    docs = [{"_id": ObjectId(), "title": f"Track {n:04d}", "category": "Bulk"}
            for n in range(520)]
    db.tracks.insert_many(docs)
    journal.record_upserts(db, docs)
    body = call(client, "search3", apiKey=key, query="", songCount=100000, artistCount=0,
                albumCount=0)
    assert len(body["searchResult3"]["song"]) == 500
    assert len(call(client, "getRandomSongs", apiKey=key, size=9999)["randomSongs"]["song"]) \
        == 500
    page = call(client, "search3", apiKey=key, query='""', songCount=500, songOffset=500)
    assert [s["title"] for s in page["searchResult3"]["song"]] == [
        f"Track {n:04d}" for n in range(500, 520)]
    # An offset that is not a multiple of the page size still pages exactly.
    odd = call(client, "search3", apiKey=key, query="", songCount=7, songOffset=13)
    assert [s["title"] for s in odd["searchResult3"]["song"]] == [
        f"Track {n:04d}" for n in range(13, 20)]


def test_jsonp_and_lists_of_one(client, key):
    response = client.get("/rest/getOpenSubsonicExtensions.view",
                          query_string={"f": "jsonp", "callback": "handle"})
    assert response.data.startswith(b"handle({") and response.data.endswith(b");")
    body = call(client, "getMusicFolders", apiKey=key)
    assert isinstance(body["musicFolders"]["musicFolder"], list)
    assert code(call(client, "jukeboxControl", apiKey=key, action="status")) == 0
