"""CPU-heavy work runs in real threads of a bounded pool when the process runs under gevent."""

import subprocess
import sys

from devtools.liveserver import ROOT
from server import cpu_pool

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


NICENESS_PROBE = """
from gevent import monkey
monkey.patch_all()
import os, threading
from server import cpu_pool
thread = cpu_pool.run(threading.get_native_id)
print(os.getpriority(os.PRIO_PROCESS, thread) - os.getpriority(os.PRIO_PROCESS, 0))
"""

BUSY_PROBE = """
from gevent import monkey
monkey.patch_all()
import gevent
from server import cpu_pool
from server.errors import ApiError
gate = monkey.get_original("_thread", "allocate_lock")()
gate.acquire()
def wait_for_gate():
    gate.acquire()
    gate.release()
    return "done"
waiting = [gevent.spawn(cpu_pool.run, wait_for_gate) for _ in range(cpu_pool.WAITING_MAX)]
gevent.sleep(0.1)
try:
    cpu_pool.run(wait_for_gate)
    print("accepted")
except ApiError as refusal:
    print(refusal.status, refusal.code, refusal.headers["Retry-After"])
gate.release()
print(set(greenlet.get(timeout=30) for greenlet in waiting))
print(cpu_pool.in_flight, cpu_pool.run(len, "abc"))
"""


def probe(code):
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True)
    return result.stdout.split("\n")[:-1]


def test_pool_threads_yield_the_cpu_to_the_event_loop():
    # Two scrypt threads at the loop's own priority took the CPU from it on two cores.
    assert int(probe(NICENESS_PROBE)[0]) == cpu_pool.THREAD_NICENESS


def test_a_full_pool_refuses_at_once_with_503_and_then_recovers():
    assert probe(BUSY_PROBE) == ["503 busy 1", "{'done'}", "0 3"]
