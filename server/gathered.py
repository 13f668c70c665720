"""Raises of a stored high-water mark, gathered among the callers of one process.

A slot head (server.slots) and the library journal's `seq` are numbers that many requests
raise, each under one database lock because FerretDB loses racing updates. Taken one
caller at a time, a burst costs a lock round trip per caller and the last one waits for
all the others: on a loaded two-core machine 100 racing messages left callers waiting past
the lock's 10 s and answered 503. Here the callers of a process meet first. One of them
(the leader) stores the highest number any of them has asked for, while the others wait
for that store; whoever is still short when it ends leads the next one, which covers
everyone who came meanwhile. A caller returns only once a number at least its own is
stored, so nothing is acknowledged early.

What a process remembers lives only while someone waits on the key: heads can be reset
and databases replaced, so a stored number is never trusted after the burst is over.
"""

import threading

_marks = {}  # key -> _Mark, while callers use it; threading is gevent's when serving
_guard = threading.Lock()


class _Mark:
    def __init__(self):
        self.turn = threading.Condition()
        self.users = 0
        self.wanted = 0  # the highest number asked for so far
        self.fields = {}  # what the caller of `wanted` passed along with it
        self.stored = 0  # the highest number known stored during this burst
        self.leading = False


def raise_to(key, number, store, fields=None):
    """Return once `store(n, fields)` has succeeded for some n >= number.

    `store` raises the stored mark to n (a $max, under the database lock); it may run for
    a number higher than this caller's, with the fields of that number's caller. A store
    that fails raises in the caller that led it; the others try again.
    """
    with _guard:
        mark = _marks.setdefault(key, _Mark())
        mark.users += 1
    try:
        with mark.turn:
            if number > mark.wanted:
                mark.wanted, mark.fields = number, fields or {}
            while mark.stored < number:
                if mark.leading:
                    mark.turn.wait()
                else:
                    lead(mark, store)
    finally:
        with _guard:
            mark.users -= 1
            if mark.users == 0:
                _marks.pop(key, None)


def lead(mark, store):
    """Store the highest wanted number, outside the condition so that others can join."""
    target, fields = mark.wanted, mark.fields
    mark.leading = True
    stored = False
    mark.turn.release()
    try:
        store(target, fields)
        stored = True
    finally:
        mark.turn.acquire()
        mark.leading = False
        if stored:
            mark.stored = max(mark.stored, target)
        mark.turn.notify_all()
