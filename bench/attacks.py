"""Benchmark: /health p99 during each attack of issue 17 rows 1-4, against its idle p99.

One server (FerretDB unless MONGO_URI is set) with its production limits; /health is sampled
one request after another from its own address, first idle, then during each attack in turn:
1. anonymous receivers sending frames whose headers announce 16 MB;
2. 20 unpaired receivers reporting `state` 19 times a second each;
3. valid sign-ins (a scrypt each) back to back from 8 addresses;
4. 4,000 half-sent requests held open from 16 addresses (slowloris).
Goal: every attack's p99 within 3x the idle p99.

    python -m bench.attacks
"""

from gevent import monkey

monkey.patch_all()

import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
from gevent.event import Event  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import attack_clients as clients  # noqa: E402
from bench.rows import row  # noqa: E402
from bench.stack import bench_stack  # noqa: E402

PHASE_SECONDS = 10
SETTLE_SECONDS = 2
PASSWORD = "bench-password-1"


def raise_fd_limit(wanted=12_000):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def health_during(port, attack):
    """(p99 ms, health errors) while attack(stop) runs in greenlets."""
    stop, samples, errors = Event(), [], []
    attackers = attack(stop)
    gevent.sleep(1)  # let the attack reach full strength
    sampler = gevent.spawn(clients.health_sampler, port, stop, samples, errors)
    gevent.sleep(PHASE_SECONDS)
    stop.set()
    sampler.join()
    gevent.joinall(attackers, timeout=30)
    gevent.killall(attackers, timeout=5)
    gevent.sleep(SETTLE_SECONDS)
    return clients.percentile(samples, 0.99), len(errors)


def register_receivers(port, count):
    return [clients.call(port, "POST", "/api/v1/devices", {"name": f"r{n}"},
                         source=f"127.0.1.{n % 200 + 1}")[1]["device_token"]
            for n in range(count)]


def attacks(server):
    """(name, attack) pairs: each attack(stop) starts its greenlets and returns them."""
    port, ws_url = server.port, server.ws_url
    giant_tokens = register_receivers(port, 4)
    state_tokens = register_receivers(port, 20)
    status, _ = clients.call(port, "POST", "/api/v1/auth/register",
                             {"username": "victim", "password": PASSWORD})
    assert status == 201, status
    counts = {}

    def giant(stop):
        return [gevent.spawn(clients.giant_frames, port, token, stop, counts,
                             f"127.0.2.{n + 1}") for n, token in enumerate(giant_tokens)]

    def unpaired_state(stop):
        return [gevent.spawn(clients.state_reporter, ws_url, token, stop, counts, 19,
                             f"127.0.3.{n + 1}") for n, token in enumerate(state_tokens)]

    def sign_ins(stop):
        return [gevent.spawn(clients.sign_in_flood, port, "victim", PASSWORD, stop, counts,
                             f"127.0.4.{n + 1}") for n in range(8)]

    def slow_headers(stop):
        return [gevent.spawn(clients.slowloris, port, stop, counts, 250, f"127.0.5.{n + 1}")
                for n in range(16)]

    return [("1 giant frames", giant), ("2 unpaired state flood", unpaired_state),
            ("3 sign-in flood", sign_ins), ("4 slowloris 4000", slow_headers)], counts


def run():
    raise_fd_limit()
    rows = []
    with bench_stack(MAX_CONNECTIONS_PER_ADDRESS="256") as (server, _):
        server.start()
        idle, idle_errors = health_during(server.port, lambda stop: [])
        named, counts = attacks(server)
        for name, attack in named:
            p99, errors = health_during(server.port, attack)
            rows.append(row(f"attack {name}: /health p99 (goal <= 3x idle)", p99, "ms", idle,
                            "idle p99"))
            rows.append(row(f"attack {name}: /health errors", errors, "", idle_errors or None,
                            "idle errors"))
        print("attack counts:", counts, flush=True)
    return rows


if __name__ == "__main__":
    for result in run():
        print(result)
