"""Drive HTTP load with wrk (Debian's package) and read its latency through a Lua report."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nWRK_JSON {"requests": %d, "duration_us": %d, "socket_errors": %d, "non2xx": %d, '
    .. '"p50_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
"""


def load(url, connections=64, seconds=8, threads=2, headers=(), warm_up=False):
    """{"rps", "p50_ms", "p99_ms", "requests", "errors"} of a wrk run against url."""
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is missing: `make bench` installs it (Debian package wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "report.lua"
        script.write_text(REPORT_LUA)
        args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
                "-s", str(script)]
        for header in headers:
            args += ["-H", header]
        out = subprocess.run([*args, url], capture_output=True, text=True, check=True,
                             timeout=seconds + 60).stdout
    line = next(raw for raw in out.splitlines() if raw.startswith("WRK_JSON "))
    report = json.loads(line.removeprefix("WRK_JSON "))
    if report["requests"] < connections and not warm_up:
        raise RuntimeError(f"only {report['requests']} requests completed in {seconds}s: "
                           "the run is too short to mean anything")
    return {
        "rps": report["requests"] / (report["duration_us"] / 1e6),
        "p50_ms": report["p50_us"] / 1000,
        "p99_ms": report["p99_us"] / 1000,
        "requests": report["requests"],
        "errors": report["socket_errors"] + report["non2xx"],
    }
