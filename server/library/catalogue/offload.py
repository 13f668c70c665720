"""Running the catalogue's CPU-heavy steps (bulk loads, index builds) off the event loop."""

from concurrent.futures import ThreadPoolExecutor


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
    builder = ThreadPoolExecutor(1, thread_name_prefix="catalogue-build")
    pending = builder.submit(function, *args)
    builder.shutdown(wait=False)  # its thread ends once this work is done
    return pending.result


def _serving():
    from gevent import monkey

    return monkey.is_module_patched("threading")
