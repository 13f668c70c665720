"""Running the catalogue's CPU-heavy steps (bulk loads, index builds) off the event loop."""

import threading


def run(function, *args):
    """function(*args), in gevent's thread pool when serving, so requests and health go on."""
    if not _serving():
        return function(*args)  # tests and CLI commands: no event loop to keep free
    import gevent

    # sqlite3 releases the GIL while SQLite works, and the pool thread touches no socket.
    return gevent.get_hub().threadpool.apply(function, args)


def start(function, *args):
    """Begin function(*args) in another thread; a wait() that returns its result (or raises
    its error). The caller reads from the database meanwhile: a load from the collection is
    half FerretDB's reading and half building, and the two need not take turns."""
    if _serving():
        import gevent

        pending = gevent.get_hub().threadpool.spawn(function, *args)
        return pending.get
    outcome = {}

    def work():
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # noqa: BLE001 - raised again in the waiting thread
            outcome["error"] = error

    thread = threading.Thread(target=work, name="catalogue-build", daemon=True)
    thread.start()

    def wait():
        thread.join()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    return wait


def _serving():
    from gevent import monkey

    return monkey.is_module_patched("threading")
