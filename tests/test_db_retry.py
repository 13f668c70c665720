"""retry_transient(): FerretDB's busy errors and dropped links are retried; others are not."""

import pytest
from pymongo.errors import AutoReconnect, DuplicateKeyError, OperationFailure

from server.db import is_transient, retry_transient

BUSY = OperationFailure("database is locked (5) (SQLITE_BUSY)", code=1)


def failing(times, error):
    """An operation that raises error `times` times, then answers 'done'; counts its calls."""
    calls = []

    def operation():
        calls.append(1)
        if len(calls) <= times:
            raise error
        return "done"

    return operation, calls


@pytest.mark.parametrize("error", [BUSY, AutoReconnect("connection closed")])
def test_transient_errors_are_retried(error):
    operation, calls = failing(2, error)
    assert retry_transient(operation, first_delay=0.001) == "done"
    assert len(calls) == 3


def test_it_gives_up_after_its_attempts():
    operation, calls = failing(10, BUSY)
    with pytest.raises(OperationFailure):
        retry_transient(operation, attempts=3, first_delay=0.001)
    assert len(calls) == 3


@pytest.mark.parametrize("error", [DuplicateKeyError("E11000"),
                                   OperationFailure("unknown operator: $foo", code=2)])
def test_other_errors_are_not_retried(error):
    operation, calls = failing(1, error)
    with pytest.raises(type(error)):
        retry_transient(operation, first_delay=0.001)
    assert len(calls) == 1
    assert not is_transient(error)
