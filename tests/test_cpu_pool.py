"""CPU-heavy work runs in real threads of a bounded pool when the process runs under gevent."""

import subprocess
import sys

from devtools.liveserver import ROOT

PROBE = """
from gevent import monkey
monkey.patch_all()
import threading
from server import cpu_pool
from server.accounts.passwords import hash_password, verify_password
from server.devices import qr
loop = threading.get_native_id()
print(cpu_pool.run(threading.get_native_id) != loop)
print(verify_password(hash_password("pw-1234567"), "pw-1234567"))
print(qr.svg("x") is qr.svg("x"))
"""


def test_pool_runs_in_another_thread_and_passwords_still_check():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    assert result.stdout.split() == ["True", "True", "True"]
