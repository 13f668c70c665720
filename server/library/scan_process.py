"""The music folders' watcher a serving process starts (server.library.scan_watch), as a child.

A child keeps tag reading and hashing off the event loop and off this process's core; the
scan lock lets only one process of several scan. The child dies with its parent (Linux's
parent-death signal), so stopping the server never leaves a scan running.
"""

import ctypes
import signal
import subprocess
import sys
import threading

from server.config import PROJECT_ROOT

PR_SET_PDEATHSIG = 1


def die_with_parent():
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start(app):
    """Start the watcher of the app's music folders in a child (None when there are none)."""
    if not app.config.get("MUSIC_FOLDERS"):
        return None
    child = subprocess.Popen([sys.executable, "-m", "server.library.scan_watch"],
                             cwd=PROJECT_ROOT, preexec_fn=die_with_parent)
    threading.Thread(target=child.wait, daemon=True).start()  # reaped when it ends
    return child
