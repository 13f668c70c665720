"""A short cooldown for an address whose socket was closed for abuse (1008, 1009).

Closing an oversized frame costs nothing, but the handshake before it does: every socket
looks up its token and registers its session in the database. Four anonymous receivers that
reconnected and sent a giant frame in a loop held /health's p99 at 15x its idle value, all of
it handshakes. So an address that earned a policy close is refused for a few seconds at the
next handshake, before any database work (429 with Retry-After).

A frame over the size limit (1009) is never a client's mistake (the app and the receiver send
a few hundred bytes), so that address's connections are refused too, at accept
(server.http_server), for as long: answering each reconnect with a 429 still cost a request's
parsing and a response, and the attackers' reconnect loop held /health at 4-12x idle.
A rate-limited socket (1008) can be a busy phone, which keeps its REST requests.

The box is per process and bounded; an address behind a proxy is the client's own
(server.proxies).
"""

import time

MAX_ADDRESSES = 10_000  # past this, expired entries go first, then the oldest
_until = {}  # address -> (monotonic time its cooldown ends, whether connections are refused)


def punish(address, seconds, connections=False):
    """Refuse the address's handshakes (and with connections=True, its every connection) for
    the next `seconds`."""
    if not address or seconds <= 0:
        return
    now = time.monotonic()
    if len(_until) >= MAX_ADDRESSES:
        for key in [key for key, (end, _) in _until.items() if end <= now]:
            del _until[key]
        while len(_until) >= MAX_ADDRESSES:
            del _until[next(iter(_until))]
    end, refused = _until.pop(address, (now, False))  # re-inserted last: the eviction order
    _until[address] = (now + seconds, connections or (refused and end > now))


def remaining(address):
    """Seconds left of the address's cooldown (0: none)."""
    end, _ = _until.get(address, (None, False))
    if end is None:
        return 0.0
    left = end - time.monotonic()
    if left <= 0:
        del _until[address]
        return 0.0
    return left


def refuses_connections(address):
    """Whether the address is cooling down after an oversized frame."""
    return remaining(address) > 0 and _until[address][1]
