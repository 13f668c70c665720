"""Fixtures of the message tests: a user, a receiver paired with them, live sockets."""

import pytest

from tests.messages.support import make_device, make_user
from tests.realtime.peers import Peer


@pytest.fixture
def owner(app):
    """(user, raw token)."""
    return make_user(app)


@pytest.fixture
def device(db, owner):
    """(device document, raw device token), paired with owner."""
    return make_device(db, owner[0]["_id"])


@pytest.fixture
def connect(live_server):
    """connect(query) -> Peer on the live server's /ws; every peer is closed after the test."""
    peers = []

    def make(query):
        peer = Peer(f"{live_server.ws_url}/ws?{query}")
        peers.append(peer)
        return peer

    yield make
    for peer in peers:
        peer.close()
