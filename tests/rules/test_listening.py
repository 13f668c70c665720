"""Listening time counts what the receiver played, from its own monotonic clock."""

from server.rules.listening import PlayCounter

A, B = "a", "b"


def report(track, position, status="playing", event=None):
    return {"track_id": track, "position": position, "status": status, "event": event}


def run(reports):
    counter = PlayCounter()
    return [counter.advance(state, mono) for state, mono in reports]


def test_playing_counts_the_position_advance():
    assert run([(report(A, 0), 0), (report(A, 5), 5), (report(A, 10), 10)]) == [0, 5, 5]


def test_a_pause_counts_up_to_the_pause_and_nothing_while_paused():
    counted = run([(report(A, 0), 0), (report(A, 4, "paused"), 4), (report(A, 4, "paused"), 600)])
    assert counted == [0, 4, 0]


def test_a_seek_forward_is_not_listening():
    assert run([(report(A, 0), 0), (report(A, 300, event="seeked"), 1)]) == [0, 0]


def test_a_position_jump_is_bounded_by_the_receivers_monotonic_clock():
    assert run([(report(A, 0), 0), (report(A, 300), 5)]) == [0, 6]


def test_a_new_track_starts_from_zero():
    assert run([(report(A, 100), 0), (report(B, 3), 3)]) == [0, 0]


def test_a_monotonic_clock_that_goes_back_counts_nothing():
    assert run([(report(A, 0), 100), (report(A, 5), 50)]) == [0, 0]
