"""`make run`: start the local database (unless MONGO_URI is set), prepare it, serve Tapcast.

Everything started here is stopped on Ctrl-C or SIGTERM.
"""

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

from devtools.ferretdb import FerretDB

ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = ROOT / "var"


def run_step(args, env):
    """Run `python -m server ARGS` to completion (database set-up steps)."""
    subprocess.run([sys.executable, "-m", "server", *args], cwd=ROOT, env=env, check=True)


def local_secret(state_dir=STATE_DIR):
    """A random SECRET_KEY made on first run and kept in var/ (readable by its owner only)."""
    path = Path(state_dir) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(48)
    # O_EXCL: two first runs at once must not each write (and use) a different secret.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(secret + "\n")
    return secret


def main():
    env = dict(os.environ)
    env.setdefault("APP_DIR", str(ROOT / "mobile"))  # development serves the source, unbuilt
    # Never the public development default: links signed with it can be forged by anyone.
    env.setdefault("SECRET_KEY", local_secret())
    database = None
    if not env.get("MONGO_URI"):
        database = FerretDB(STATE_DIR / "ferretdb", log_path=STATE_DIR / "ferretdb.log").start()
        env["MONGO_URI"] = database.uri
        print(f"FerretDB {database.uri} (data in {database.data_dir})", flush=True)

    server = None

    def shutdown(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, shutdown)
    try:
        run_step(["init-db"], env)
        for step in setup_steps(env):
            run_step(step, env)
        host, port = env.get("HOST", "127.0.0.1"), env.get("PORT", "5000")
        print(f"\n  Tapcast is running: http://{host}:{port}/\n", flush=True)
        server = subprocess.Popen([sys.executable, "-m", "server"], cwd=ROOT, env=env)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
        if database is not None:
            database.stop()
        print("Tapcast stopped.", flush=True)


def setup_steps(env):
    """Commands run before serving, each idempotent."""
    if env.get("MUSIC_FOLDERS"):
        return []  # the family's own music (the server scans it): no demo beside it
    return [["demo", "--if-empty"]]  # the demo library, generated on first start only


if __name__ == "__main__":
    main()
