"""Browser tests of the phone app: a real database and server, then `node --test tests/e2e/`.

    python -m devtools.e2e                 start FerretDB (or use MONGO_URI) and the server,
                                           seed the demo library, run the Playwright tests
    python -m devtools.e2e serve           the same set-up, kept running (for writing tests)
    python -m devtools.e2e expired-token USERNAME
                                           print a token of USERNAME that has already expired
                                           (used by the tests; reads MONGO_URI and MONGO_DB)
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from devtools.ferretdb import FerretDB
from devtools.liveserver import LiveServer

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"


def server_has_command(env, name):
    """Whether `python -m server NAME` exists (the demo arrives with the library)."""
    result = subprocess.run([sys.executable, "-m", "server", "--help"], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)
    return any(line.split()[:1] == [name] for line in result.stdout.splitlines())


def prepare(env):
    subprocess.run([sys.executable, "-m", "server", "init-db"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    if server_has_command(env, "demo"):
        subprocess.run([sys.executable, "-m", "server", "demo"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def interrupt(signum, frame):
    raise KeyboardInterrupt


def run(keep_serving):
    signal.signal(signal.SIGTERM, interrupt)  # stop the server and database on kill too
    ARTIFACTS.mkdir(exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="tapcast-e2e-"))
    database = None
    env = {**os.environ, "TAPCAST_ENV": "testing", "MEDIA_ROOT": str(work / "media"),
           "MONGO_DB": f"tapcast_e2e_{uuid.uuid4().hex[:8]}"}
    # Pages over http are the source; tests/e2e/package.test.mjs opens the build from file://.
    env.setdefault("APP_DIR", str(ROOT / "mobile"))
    try:
        if not env.get("MONGO_URI"):
            database = FerretDB(work / "ferretdb", log_path=ARTIFACTS / "e2e-ferretdb.log").start()
            env["MONGO_URI"] = database.uri
        prepare(env)
        with LiveServer(env, log_path=ARTIFACTS / "e2e-server.log") as server:
            print(f"e2e server: {server.url} MONGO_URI={env['MONGO_URI']} "
                  f"MONGO_DB={env['MONGO_DB']}", flush=True)
            if keep_serving:
                server.process.wait()
                return 0
            node_env = {**env, "TAPCAST_URL": server.url, "TAPCAST_ARTIFACTS": str(ARTIFACTS),
                        # tests/e2e/offline.test.mjs starts (and stops) a server of its own
                        "TAPCAST_PYTHON": sys.executable}
            tests = sorted(str(p) for p in (ROOT / "tests" / "e2e").glob("*.test.mjs"))
            return subprocess.run(["node", "--test", "--test-concurrency=1", *tests], cwd=ROOT,
                                  env=node_env).returncode
    except KeyboardInterrupt:
        return 130
    finally:
        if database is not None:
            database.stop()
        shutil.rmtree(work, ignore_errors=True)


def expired_token(username):
    from server import create_app
    from server.accounts import tokens, users

    app = create_app()
    with app.app_context():
        user = users.find_by_username(username)
        if user is None:
            sys.exit(f"no user {username!r}")
        print(tokens.issue_token(user["_id"], ttl_days=-1))


def main(argv):
    if argv[:1] == ["expired-token"] and len(argv) == 2:
        expired_token(argv[1])
        return 0
    if argv[:1] in ([], ["serve"]):
        return run(keep_serving=bool(argv))
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
