"""GET /api/v1/health one request after another, one line per answer: `<ms> <status>`.

bench/attack_clients.health_sampler runs this in a process of its own, as a monitor on
another machine would be: sampled from inside the attacking process, each latency would also
hold the time the attackers' greenlets kept the sampler from waking up.

    python -m bench.health_probe PORT SOURCE_ADDRESS     # until terminated
"""

import http.client
import sys
import time

PAUSE_SECONDS = 0.02


def sample(port, source):
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                                source_address=(source, 0))
        connection.request("GET", "/api/v1/health", headers={"Connection": "close"})
        status = connection.getresponse().status
        connection.close()
    except OSError:
        status = None
    return (time.perf_counter() - started) * 1000, status


def main(port, source):
    while True:
        ms, status = sample(port, source)
        print(f"{ms:.3f} {status}", flush=True)
        time.sleep(PAUSE_SECONDS)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
