"""The demo library plays in Chromium (Debian's), seeking through the server's Range support."""

import json
import re
import shutil
import subprocess

PAGE = """<!doctype html><html><body><pre id="out">{}</pre>
<script>
const results = {};
const out = document.getElementById('out');
for (const [id, url] of Object.entries(TRACKS)) {
  const audio = new Audio();
  audio.muted = true;
  audio.preload = 'auto';
  results[id] = [];
  const note = (what) => { results[id].push(what); out.textContent = JSON.stringify(results); };
  audio.addEventListener('loadedmetadata', () => {
    note('metadata');
    audio.currentTime = audio.duration / 2;
  });
  audio.addEventListener('seeked', () => { note('seeked'); audio.play(); });
  audio.addEventListener('playing', () => note('playing'));
  audio.addEventListener('error', () => note('error ' + audio.error.code));
  audio.src = url;
}
</script></body></html>"""


def run_chromium(page_path):
    chromium = shutil.which("chromium")
    assert chromium, "make test installs chromium"
    result = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--autoplay-policy=no-user-gesture-required", "--virtual-time-budget=15000",
         "--dump-dom", page_path.as_uri()],
        capture_output=True, text=True, timeout=90)
    match = re.search(r'<pre id="out">(.*?)</pre>', result.stdout, re.S)
    assert match, result.stdout + result.stderr
    return json.loads(match.group(1))


def test_every_demo_track_loads_seeks_and_plays(runner, db, live_server, tmp_path):
    assert runner.invoke(args=["demo"]).exit_code == 0
    tracks = {str(doc["_id"]): f"{live_server.url}/media/tracks/{doc['_id']}/audio"
              for doc in db.tracks.find({}, {"_id": 1})}
    page = tmp_path / "player.html"
    page.write_text(PAGE.replace("const results", f"const TRACKS = {json.dumps(tracks)};\n"
                                                   "const results"))
    results = run_chromium(page)
    assert set(results) == set(tracks)
    for events in results.values():
        assert events[:3] == ["metadata", "seeked", "playing"], events
