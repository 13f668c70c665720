"""offload.start: work begun in another thread, its result (or its error) taken later."""

import threading

import pytest

from server.library.catalogue import offload


def test_started_work_runs_in_another_thread_and_returns_its_result():
    wait = offload.start(lambda a, b: (a + b, threading.current_thread().name), 2, 3)
    total, where = wait()
    assert total == 5 and where != threading.current_thread().name


def test_an_error_of_started_work_is_raised_by_its_wait():
    def broken():
        raise ValueError("bad batch")

    wait = offload.start(broken)
    with pytest.raises(ValueError, match="bad batch"):
        wait()
