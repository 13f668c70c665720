"""Fixtures of the message tests: a user and a receiver paired with them."""

import pytest

from tests.messages.support import make_device, make_user


@pytest.fixture
def owner(app):
    """(user, raw token)."""
    return make_user(app)


@pytest.fixture
def device(db, owner):
    """(device document, raw device token), paired with owner."""
    return make_device(db, owner[0]["_id"])
