"""Run the real server (`python -m server`: gevent + WebSocket handler) in a child process."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from devtools.child import ChildProcess
from devtools.ferretdb import free_port

ROOT = Path(__file__).resolve().parent.parent


class LiveServer(ChildProcess):
    """A server process on a free loopback port, configured through environment variables."""

    def __init__(self, env, port=None, log_path=None):
        self.port = port or free_port()
        self.env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(self.port), **env}
        self.log_path = log_path
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self):
        return f"ws://127.0.0.1:{self.port}"

    def start(self, timeout=120.0):  # a loaded 2-core machine can take 30 s to import Flask
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen([sys.executable, "-m", "server"], cwd=ROOT, env=self.env,
                                        stdout=log, stderr=subprocess.STDOUT)
        if log is not subprocess.DEVNULL:
            log.close()
        try:
            self.wait_ready(timeout)
        except BaseException:
            self.stop()  # a server that never became ready must not outlive the caller
            raise
        return self

    def wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with code {self.process.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        raise TimeoutError(f"server on port {self.port} not ready within {timeout}s")
