"""Build (once per machine) and run FerretDB v1.24.2, the local MongoDB-wire database.

The binary is cached under ~/.cache/tapcast/ keyed by version and by a hash of the
wrapper's source, so a fresh clone on the same machine does not rebuild it.

    python -m devtools.ferretdb build     build (or find) the binary, print its path
"""

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from devtools.child import ChildProcess

FERRETDB_VERSION = "v1.24.2"
SOURCE_DIR = Path(__file__).resolve().parent.parent / "tools" / "ferretdb"
SOURCE_FILES = ("main.go", "idindex.go", "go.mod", "go.sum")


def cache_dir():
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    return base / "tapcast" / "ferretdb"


def source_hash():
    digest = hashlib.sha256()
    for name in SOURCE_FILES:
        digest.update((SOURCE_DIR / name).read_bytes())
    return digest.hexdigest()[:16]


def binary_path():
    return cache_dir() / f"{FERRETDB_VERSION}-{source_hash()}" / "ferretdb"


def ensure_binary():
    """The cached binary's path, building it first if this machine has none."""
    target = binary_path()
    if target.exists():
        return target
    if shutil.which("go") is None:
        sys.exit("FerretDB needs Go (>= 1.24) to build; install Go or set MONGO_URI")
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"building FerretDB {FERRETDB_VERSION} (first time on this machine: a few minutes)...",
          file=sys.stderr, flush=True)
    # Build to a temporary name and rename, so an interrupted build leaves no broken binary.
    partial = target.with_name(f"ferretdb.partial-{os.getpid()}")
    env = {**os.environ, "CGO_ENABLED": "0"}
    subprocess.run(["go", "build", "-trimpath", "-o", str(partial), "."],
                   cwd=SOURCE_DIR, env=env, check=True)
    partial.replace(target)
    return target


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=30.0, process=None):
    """Wait until the database answers a MongoDB ping on the port."""
    from pymongo import MongoClient

    deadline = time.monotonic() + timeout
    client = MongoClient(f"mongodb://127.0.0.1:{port}/?directConnection=true",
                         serverSelectionTimeoutMS=500, connectTimeoutMS=500)
    try:
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"FerretDB exited with code {process.returncode}")
            try:
                client.admin.command("ping")
                return
            except Exception:
                time.sleep(0.1)
    finally:
        client.close()
    raise TimeoutError(f"FerretDB did not answer ping on port {port} within {timeout}s")


class FerretDB(ChildProcess):
    """One FerretDB process on a loopback port with its data in `data_dir`."""

    def __init__(self, data_dir, port=None, log_path=None):
        self.data_dir = Path(data_dir).resolve()
        self.port = port or free_port()
        self.log_path = Path(log_path) if log_path else self.data_dir.parent / "ferretdb.log"
        self.process = None

    @property
    def uri(self):
        return f"mongodb://127.0.0.1:{self.port}/?directConnection=true"

    def start(self):
        binary = ensure_binary()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")  # noqa: SIM115 - kept open for the child's lifetime
        self.process = subprocess.Popen(
            [str(binary), "-listen", f"127.0.0.1:{self.port}", "-data", str(self.data_dir)],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        try:
            wait_for_port(self.port, process=self.process)
        except BaseException:
            self.stop()  # its own session: it would outlive the caller otherwise
            raise
        return self




def main(argv):
    if argv[:1] == ["build"]:
        print(ensure_binary())
        return
    if argv[:1] == ["serve"]:
        data_dir = argv[1] if len(argv) > 1 else tempfile.mkdtemp(prefix="ferretdb-")
        with FerretDB(data_dir) as db:
            print(db.uri, flush=True)
            db.process.wait()
        return
    sys.exit("usage: python -m devtools.ferretdb build | serve [DATA_DIR]")


if __name__ == "__main__":
    main(sys.argv[1:])
