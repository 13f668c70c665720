"""Raises of a high-water mark gathered among one process's callers (server.gathered)."""

import threading
import time

import pytest

from server import gathered, slots

CALLERS = 20


def run_callers(store, numbers):
    """Every number raised by its own thread, all released at once; {number: error or None}."""
    start = threading.Barrier(len(numbers))
    outcome = {}

    def caller(number):
        start.wait()
        try:
            gathered.raise_to("test|mark", number, store, {"from": number})
            outcome[number] = None
        except RuntimeError as error:
            outcome[number] = error

    threads = [threading.Thread(target=caller, args=(n,)) for n in numbers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcome


def test_a_burst_is_stored_in_a_few_rounds():
    stored, rounds = [0], []

    def store(number, fields):
        time.sleep(0.2)  # a lock round trip on a loaded machine: the others arrive meanwhile
        assert fields == {"from": number}  # the fields of the caller of the highest number
        rounds.append(number)
        stored[0] = max(stored[0], number)

    numbers = list(range(1, CALLERS + 1))
    assert run_callers(store, numbers) == {n: None for n in numbers}
    assert stored[0] == CALLERS
    assert len(rounds) < CALLERS // 2  # one per caller without gathering
    assert rounds == sorted(rounds)


def test_each_caller_returns_only_once_its_number_is_stored():
    stored = [0]
    early = []

    def store(number, _fields):
        time.sleep(0.05)
        stored[0] = max(stored[0], number)

    def caller(number):
        gathered.raise_to("test|order", number, store)
        if stored[0] < number:
            early.append(number)

    threads = [threading.Thread(target=caller, args=(n,)) for n in range(1, CALLERS + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert early == []
    assert stored[0] == CALLERS


def test_a_failed_store_fails_its_leader_and_the_others_try_again():
    attempts = []

    def store(number, _fields):
        attempts.append(number)
        if len(attempts) == 1:
            time.sleep(0.2)
            raise RuntimeError("the database went away")

    outcome = run_callers(store, list(range(1, 6)))
    failed = [n for n, error in outcome.items() if error is not None]
    assert len(failed) == 1  # the leader of the failed round, and only it
    assert len(attempts) >= 2


def test_nothing_is_remembered_after_a_burst():
    calls = []
    gathered.raise_to("test|forget", 5, lambda n, _f: calls.append(n))
    gathered.raise_to("test|forget", 3, lambda n, _f: calls.append(n))
    assert calls == [5, 3]  # a head may have been reset between bursts: 3 is stored again


def test_racing_claims_get_distinct_numbers_and_the_head_reaches_the_top(app, db):
    claimed = []
    start = threading.Barrier(CALLERS)

    def claim():
        start.wait()
        with app.app_context():
            claimed.append(slots.claim_next(db.rate_slots, "burst", {}))

    threads = [threading.Thread(target=claim) for _ in range(CALLERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(claimed) == list(range(1, CALLERS + 1))
    assert slots.highest(db.rate_slots, "burst") == CALLERS


@pytest.fixture(autouse=True)
def no_marks_left():
    yield
    assert gathered._marks == {}
