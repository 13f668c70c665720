"""Range streaming: Tapcast's real server (gevent) against nginx, same 10 MB file, loopback.

wrk fetches random 256 KiB ranges of the track over many connections from each server in
turn; the result is the throughput of each and the ratio server / nginx. The same is measured
through the front server (deploy/nginx: the server authorises, nginx sends the bytes by
X-Accel-Redirect), and for players' open-ended ranges ("bytes=N-", the rest of the file).
Bounded: about 5 x BENCH_SECONDS (default 8) plus ~15 s of set-up.

    python -m bench.range_stream
"""

import contextlib
import getpass
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.rows import row
from bench.stack import ROOT, bench_stack
from deploy.nginx_conf import FrontSettings
from devtools.ferretdb import free_port
from devtools.front import FrontServer
from devtools.liveserver import LiveServer

TRACK_SECONDS = 238  # 22.05 kHz mono 16-bit WAV: about 10 MB
CHUNK = 256 * 1024
CONNECTIONS = 16
THREADS = 2

WRK_SCRIPT = """
local size = tonumber(os.getenv("FILE_SIZE"))
local chunk = tonumber(os.getenv("CHUNK"))
local open_ended = os.getenv("OPEN_ENDED") == "1"
math.randomseed(42)
request = function()
  local first = math.random(0, size - chunk)
  local range = "bytes=" .. first .. "-" .. (open_ended and "" or (first + chunk - 1))
  return wrk.format("GET", nil, {["Range"] = range})
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d\\n", summary.requests, summary.bytes,
                         summary.errors.status, summary.duration))
end
"""

NGINX_CONF = """
worker_processes 1;
daemon off;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 512; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  types {{ audio/wav wav; }}
  server {{
    listen 127.0.0.1:{port};
    root {root};
  }}
}}
"""


def ensure_tools():
    """nginx and wrk from Debian's packages, installed by the project's script if missing."""
    missing = [pkg for pkg, tool in (("nginx-light", "nginx"), ("wrk", "wrk"))
               if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists()]
    if missing:
        subprocess.run([str(ROOT / "scripts" / "system-deps.sh"), *missing], check=True)
    return shutil.which("nginx") or "/usr/sbin/nginx"


def make_track(folder):
    from server.library import synth

    folder.mkdir(parents=True)
    return synth.tone(folder / "bench-10mb.wav", seconds=TRACK_SECONDS, freq=440,
                      tags={"title": "Bench", "genre": "Bench"})


def prepare_library(tmp, env):
    """Import the track through the real CLI; its id, stored path and size."""
    from pymongo import MongoClient

    source = make_track(tmp / "in")
    subprocess.run([sys.executable, "-m", "server", "import", str(source.parent)], cwd=ROOT,
                   env=env, check=True, capture_output=True, timeout=60)
    client = MongoClient(env["MONGO_URI"])
    try:
        doc = client[env["MONGO_DB"]].tracks.find_one()
    finally:
        client.close()
    return str(doc["_id"]), doc["audio_path"], doc["size"]


def start_nginx(nginx, tmp, media_root):
    port = free_port()
    user = f"user {getpass.getuser()};" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(user=user, tmp=tmp, port=port, root=media_root))
    process = subprocess.Popen([nginx, "-p", str(tmp), "-e", str(tmp / "nginx-error.log"),
                                "-c", str(conf)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    wait_listening(port, process)
    return process, port


def wait_listening(port, process, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with code {process.returncode}")
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError("nginx did not start")


def fetch_range(port, path, first, last):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Range": f"bytes={first}-{last}"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def check_same_bytes(server_port, server_path, nginx_port, nginx_path, size):
    """Both answer 206 with identical bytes before anything is measured."""
    for first, last in ((0, 999), (size - CHUNK, size - 1), (size // 2, size // 2 + CHUNK)):
        ours, theirs = (fetch_range(server_port, server_path, first, last),
                        fetch_range(nginx_port, nginx_path, first, last))
        if ours[0] != 206 or ours != theirs:
            raise RuntimeError(f"server and nginx disagree on bytes={first}-{last}")


def run_wrk(tmp, url, size, seconds, open_ended=False):
    """(requests/s, MB/s) of wrk fetching random ranges (or the rest of the file) from url."""
    script = tmp / "range.lua"
    script.write_text(WRK_SCRIPT)
    env = {**os.environ, "FILE_SIZE": str(size), "CHUNK": str(CHUNK),
           "OPEN_ENDED": "1" if open_ended else "0"}
    result = subprocess.run(["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s",
                             "-s", str(script), url], env=env, capture_output=True, text=True,
                            timeout=seconds + 30, check=True)
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+)", result.stdout)
    requests, total_bytes, bad_status, micros = (int(v) for v in match.groups())
    if bad_status:
        raise RuntimeError(f"{bad_status} responses were not 2xx/3xx from {url}")
    elapsed = micros / 1e6
    return requests / elapsed, total_bytes / elapsed / 1e6


def front_server(tmp, settings, upstream):
    """The front server before an X-Accel process; one worker and no access log, like the
    nginx baseline."""
    return FrontServer(FrontSettings(
        upstreams=[f"127.0.0.1:{upstream.port}"], run_dir=tmp / "front",
        media_root=Path(settings["MEDIA_ROOT"]), workers="1", access_log="off"))


def run(seconds=None):
    """Measure the server, the front server and nginx; rows of requests/s and MB/s."""
    seconds = seconds or int(os.environ.get("BENCH_SECONDS", "8"))
    nginx = ensure_tools()
    with (tempfile.TemporaryDirectory(prefix="tapcast-bench-") as name,
          bench_stack(LOG_LEVEL="WARNING") as (server, settings),
          contextlib.ExitStack() as stack):
        tmp = Path(name)
        track_id, audio_path, size = prepare_library(tmp, {**os.environ, **settings})
        server.start()
        accel = stack.enter_context(LiveServer(
            {**settings, "MEDIA_ACCEL_REDIRECT": "1", "TRUSTED_PROXIES": "1"},
            log_path=tmp / "accel.log"))
        front = stack.enter_context(front_server(tmp, settings, accel))
        nginx_process, nginx_port = start_nginx(nginx, tmp, Path(settings["MEDIA_ROOT"]))
        stack.callback(stop_process, nginx_process)
        server_path = f"/media/tracks/{track_id}/audio"
        direct = f"http://127.0.0.1:{nginx_port}/{audio_path}"
        for port in (server.port, front.port):
            check_same_bytes(port, server_path, nginx_port, f"/{audio_path}", size)
        ours = run_wrk(tmp, f"{server.url}{server_path}", size, seconds)
        theirs = run_wrk(tmp, direct, size, seconds)
        fronted = run_wrk(tmp, f"{front.url}{server_path}", size, seconds)
        streamed = run_wrk(tmp, f"{front.url}{server_path}", size, seconds, open_ended=True)
        streamed_direct = run_wrk(tmp, direct, size, seconds, open_ended=True)
    return [row("range_stream.requests_per_s", ours[0], "req/s", theirs[0]),
            row("range_stream.throughput", ours[1], "MB/s", theirs[1]),
            row("range_stream.front_requests_per_s", fronted[0], "req/s", theirs[0]),
            row("range_stream.front_open_ended_throughput", streamed[1], "MB/s",
                streamed_direct[1])]


def stop_process(process):
    process.terminate()
    process.wait(timeout=10)


if __name__ == "__main__":
    from bench.__main__ import format_table

    print(format_table(run()))
