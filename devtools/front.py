"""Run the front server (Debian's nginx with deploy/nginx's configuration) in a child process."""

import getpass
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from deploy.nginx_conf import render
from devtools.child import ChildProcess
from devtools.ferretdb import free_port


def nginx_binary():
    """Debian's nginx (nginx-light in TEST_DEBS/BENCH_DEBS)."""
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise RuntimeError("nginx is not installed (make test installs nginx-light)")
    return found


class FrontServer(ChildProcess):
    """nginx on a free loopback port in front of the given server processes."""

    def __init__(self, settings):
        self.settings = settings
        self.run_dir = Path(settings.run_dir)
        if not settings.listen or settings.listen == "80":
            settings.listen = f"127.0.0.1:{free_port()}"
        if os.geteuid() == 0 and not settings.user:
            settings.user = getpass.getuser()
        self.process = None

    @property
    def port(self):
        return int((self.settings.tls_listen or self.settings.listen).rsplit(":", 1)[-1])

    @property
    def url(self):
        scheme = "https" if self.settings.tls else "http"
        return f"{scheme}://127.0.0.1:{self.port}"

    @property
    def access_log(self):
        return self.run_dir / "access.log"

    def start(self, timeout=10.0):
        self.run_dir.mkdir(parents=True, exist_ok=True)
        conf = self.run_dir / "nginx.conf"
        conf.write_text(render(self.settings))
        self.process = subprocess.Popen(
            [nginx_binary(), "-p", str(self.run_dir), "-e", str(self.run_dir / "error.log"),
             "-c", str(conf), "-g", "daemon off;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.wait_listening(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def wait_listening(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.run_dir / "error.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"nginx exited with code {self.process.returncode}: {log}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise TimeoutError("nginx did not start")
