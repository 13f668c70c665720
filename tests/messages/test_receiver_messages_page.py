"""The receiver page carries the message panel's hooks and its modules load together."""

import re
from pathlib import Path

RECEIVER = Path(__file__).resolve().parents[2] / "receiver"
HOOKS = ["data-messages", 'data-action="play-message"', "data-unread-count", "data-message-text",
         'data-action="message-done"', "data-message-status", 'data-action="talk"',
         'data-setting="autoplay-messages"', "data-message-audio"]


def test_receiver_page_has_the_message_hooks(client):
    with client.get("/receiver/") as response:
        page = response.get_data(as_text=True)
    for hook in HOOKS:
        assert hook in page, hook


def test_message_modules_find_every_hook_they_use():
    page = (RECEIVER / "index.html").read_text()
    view = (RECEIVER / "js" / "messages-view.js").read_text()
    for hook in re.findall(r"\$\('([^']+)'\)", view):
        assert hook.split("=")[0] in page, hook
