"""Live responses of the conversation routes match their OpenAPI description."""

from tests.messages.support import bearer, ffmpeg_clip, make_user, multipart
from tests.test_personal_openapi import Checker


def test_conversation_responses_match_the_document(app, client, owner, device, tmp_path):
    check = Checker(client)
    device_id, user, receiver = device[0]["_id"], bearer(owner[1]), bearer(device[1])
    base = f"/api/v1/conversations/{device_id}"
    check("get", base, 200, headers=user)
    check("post", f"{base}/messages", 201, json={"text": "hello"}, headers=user)
    voice = check("post", f"{base}/messages", 201, headers=receiver,
                  **multipart(ffmpeg_clip(tmp_path / "a.wav", 1))).get_json()
    check("post", f"{base}/messages", 415, data="x", content_type="text/plain", headers=user)
    check("post", f"{base}/messages", 422, json={"text": ""}, headers=user)
    check("post", f"{base}/messages", 400, data="{", content_type="application/json",
          headers=user)
    check("post", f"{base}/messages", 401, json={"text": "hi"})
    stranger = make_user(app, "stranger")
    check("post", f"{base}/messages", 404, json={"text": "hi"}, headers=bearer(stranger[1]))
    check("get", f"{base}/messages?per_page=1", 200, headers=receiver)
    check("get", f"{base}/messages?per_page=0", 422, headers=receiver)
    check("post", f"{base}/read", 200, json={"up_to_seq": 1}, headers=receiver)
    check("post", f"{base}/read", 422, json={"up_to_seq": -1}, headers=receiver)
    check("get", "/api/v1/me/unread", 200, headers=user)
    check("get", "/api/v1/me/unread", 401)
    app.config["MESSAGE_RATE_LIMIT"] = 1
    check("post", f"{base}/messages", 429, json={"text": "again"}, headers=user)
    with client.get(voice["audio_url"]) as response:
        assert response.status_code == 200 and response.mimetype == "audio/mpeg"
    check("get", voice["audio_url"].replace("sig=", "sig=0"), 403)
