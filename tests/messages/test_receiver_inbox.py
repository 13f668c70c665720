"""The receiver's Inbox store under Node: what is pending, in which order, what is marked read."""

import json
import shutil
import subprocess
from pathlib import Path

RECEIVER = Path(__file__).resolve().parents[2] / "receiver"

SCRIPT = """
import { Inbox } from './js/inbox.js';
const msg = (seq, from = 'user', kind = 'voice') => ({ id: `m${seq}`, seq, from, kind });
const read = [];
const api = {
  summary: async () => ({ read_seq: 1 }),
  list: async () => ({ items: [msg(4, 'device'), msg(3), msg(2, 'user', 'text'), msg(1)] }),
  markRead: async (seq) => { read.push(seq); },
};
const inbox = new Inbox(api);
const events = [];
for (const type of ['arrived', 'busy']) {
  inbox.addEventListener(type, (e) => events.push([type, e.detail?.id ?? e.detail]));
}
const loaded = await inbox.load();
const afterLoad = inbox.pending.map((m) => m.id);
inbox.receive(msg(5));
inbox.receive(msg(5));
inbox.receive(msg(6, 'device'));
const first = inbox.next();
const secondWhileBusy = inbox.next();
await inbox.done();
inbox.next();
inbox.putBack();
const afterPutBack = inbox.pending.map((m) => m.id);
console.log(JSON.stringify({ loaded, afterLoad, first: first.id, secondWhileBusy, read, events,
                             afterPutBack }));
"""


def test_inbox_keeps_unread_owner_messages_in_order_and_marks_read():
    node = shutil.which("node")
    assert node, "make test installs Node"
    result = subprocess.run([node, "--input-type=module", "-e", SCRIPT], cwd=RECEIVER,
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["loaded"] == 2
    assert out["afterLoad"] == ["m2", "m3"]  # oldest first, only the owner's, only unread
    assert out["first"] == "m2" and out["secondWhileBusy"] is None
    assert out["read"] == [2]
    # m2 is a text (shown, not played); only the voice clip m3 holds the speaker.
    assert out["events"] == [["arrived", "m5"], ["busy", True], ["busy", False]]
    assert out["afterPutBack"] == ["m3", "m5"]
