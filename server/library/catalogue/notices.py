"""Telling catalogues that the journal moved on, so none reads library_state per request.

A process that appends slot n tells its own catalogue at once (its next read syncs: a
process always sees its own writes) and publishes {epoch, seq} on the realtime broker's
"catalogue" group, so every other serving process learns of it as soon as the broker
delivers (Redis: milliseconds; the memory broker reaches only this process). A notice can
be lost (Redis down, a CLI process without a broker): CATALOGUE_STALE_MS bounds how long a
catalogue may go without reading library_state, whatever it heard.
"""

import json
import logging

from flask import current_app, has_app_context

log = logging.getLogger(__name__)
GROUP = "catalogue"


def wrote(epoch, n):
    """This process appended slot n of epoch: its catalogue and the others must sync."""
    if not has_app_context():
        return  # a bare database handle (test helpers): the staleness bound covers it
    from server.library.catalogue import state
    from server.realtime import hub

    app = current_app._get_current_object()
    state.of(app).hear(epoch, n)
    the_hub = app.extensions.get(hub.EXTENSION_KEY)
    if the_hub is None:
        return
    try:
        the_hub.publish(GROUP, {"epoch": epoch, "seq": n})
    except Exception:  # noqa: BLE001 - the write is done; others see it within the bound
        log.warning("catalogue notice for slot %d not published", n, exc_info=True)


def listen(app):
    """Have this serving process's catalogue hear other processes' notices."""
    from server.library.catalogue import state
    from server.realtime import hub

    catalogue = state.of(app)

    def heard(text):
        try:
            notice = json.loads(text)
            catalogue.hear(str(notice["epoch"]), int(notice["seq"]))
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed catalogue notice: %.100r", text)

    hub.get_hub(app).listen(GROUP, heard)
