"""Background upkeep of a serving process: expired pairing codes, stale presence.

FerretDB has no TTL indexes, and a process that dies cannot mark its devices offline.
"""

import logging

import gevent

from server.devices import connections, devices, pairing
from server.realtime import commands
from server.realtime.hub import get_hub

log = logging.getLogger(__name__)


def sweep(app):
    """One pass: delete expired codes, drop the sockets of dead processes, tell their owners."""
    with app.app_context():
        pairing.sweep_expired()
        for device_id in connections.sweep_dead_processes():
            device = devices.find_device(device_id)
            if device is not None:
                commands.announce_presence(device, False, get_hub(app).publish)


def start(app):
    """Sweep every heartbeat interval (at least every 60 s) for the life of the process."""
    interval = min(app.config["WS_HEARTBEAT_SECONDS"], 60)

    def run():
        while True:
            gevent.sleep(interval)
            try:
                sweep(app)
            except Exception:
                log.exception("realtime sweep failed")

    return gevent.spawn(run)
