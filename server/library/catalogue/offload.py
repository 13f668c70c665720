"""Running the catalogue's CPU-heavy steps (bulk loads, index builds) off the event loop."""


def run(function, *args):
    """function(*args), in gevent's thread pool when serving, so requests and health go on."""
    from gevent import monkey

    if not monkey.is_module_patched("threading"):
        return function(*args)  # tests and CLI commands: no event loop to keep free
    import gevent

    # sqlite3 releases the GIL while SQLite works, and the pool thread touches no socket.
    return gevent.get_hub().threadpool.apply(function, args)
