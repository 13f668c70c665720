"""A short cooldown for an address whose socket was closed for abuse (1008, 1009).

Closing an oversized frame costs nothing, but the handshake before it does: every socket
looks up its token and registers its session in the database. Four anonymous receivers that
reconnected and sent a giant frame in a loop held /health's p99 at 15x its idle value, all of
it handshakes. So an address that earned a policy close is refused for a few seconds at the
next handshake, before any database work (429 with Retry-After). The box is per process and
bounded; an address behind a proxy is the client's own (server.proxies).
"""

import time

MAX_ADDRESSES = 10_000  # past this, expired entries go first, then the oldest
_until = {}  # address -> monotonic time its cooldown ends


def punish(address, seconds):
    """Refuse the address's handshakes for the next `seconds`."""
    if not address or seconds <= 0:
        return
    now = time.monotonic()
    if len(_until) >= MAX_ADDRESSES:
        for key in [key for key, end in _until.items() if end <= now]:
            del _until[key]
        while len(_until) >= MAX_ADDRESSES:
            del _until[next(iter(_until))]
    _until.pop(address, None)  # re-inserted last: the dict's order is the eviction order
    _until[address] = now + seconds


def remaining(address):
    """Seconds left of the address's cooldown (0: none)."""
    end = _until.get(address)
    if end is None:
        return 0.0
    left = end - time.monotonic()
    if left <= 0:
        del _until[address]
        return 0.0
    return left
