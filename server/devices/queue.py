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
