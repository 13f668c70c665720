"""The device's play queue as pure functions on {"track_ids": [...], "index": int}.

index is the position of the current track; -1 when the queue is empty.
"""

MAX_QUEUE = 1000
EMPTY = {"track_ids": [], "index": -1}


def current(queue):
    """The current track id, or None."""
    ids, index = queue["track_ids"], queue["index"]
    return ids[index] if 0 <= index < len(ids) else None


def play(queue, track_ids, mode):
    """The queue after `play`: now replaces it, next inserts after the current, last appends.

    Returns (queue, starts): starts is True when the current track changed and must be played.
    """
    ids, index = list(queue["track_ids"]), queue["index"]
    if mode == "now" or current(queue) is None:
        # An empty queue starts playing whatever is added, whatever the mode.
        return {"track_ids": list(track_ids)[:MAX_QUEUE], "index": 0}, True
    if mode == "next":
        ids[index + 1:index + 1] = track_ids
    else:
        ids.extend(track_ids)
    return {"track_ids": ids[:MAX_QUEUE], "index": index}, False


def step(queue, delta):
    """The queue moved by delta (next: +1, prev: -1); None when there is nowhere to go."""
    index = queue["index"] + delta
    if not 0 <= index < len(queue["track_ids"]):
        return None
    return {"track_ids": list(queue["track_ids"]), "index": index}


def replace(queue, track_ids):
    """The queue holding track_ids, the first current (empty: nothing current)."""
    ids = list(track_ids)[:MAX_QUEUE]
    return {"track_ids": ids, "index": 0 if ids else -1}


def jump(queue, index):
    """The queue with the track at index current; None when there is no such track."""
    if not 0 <= index < len(queue["track_ids"]):
        return None
    return {"track_ids": list(queue["track_ids"]), "index": index}


def remove_at(queue, index):
    """The queue without the track at index (the current one stays current when it is kept;
    removing the current one makes the next one current)."""
    ids = list(queue["track_ids"])
    if not 0 <= index < len(ids):
        return None
    del ids[index]
    current_index = queue["index"] - (1 if index < queue["index"] else 0)
    if not ids:
        current_index = -1
    return {"track_ids": ids, "index": min(current_index, len(ids) - 1)}


def shuffled(queue, rng):
    """The queue shuffled, its current track first (so what plays does not change)."""
    ids = list(queue["track_ids"])
    head = [ids.pop(queue["index"])] if 0 <= queue["index"] < len(ids) else []
    rng.shuffle(ids)
    return {"track_ids": head + ids, "index": 0 if head or ids else -1}
