"""An import reads its first files while the catalogue loads, and decides them only after."""

import threading
import time

import pytest

from server.library import store
from server.library.catalogue import state
from server.library.importer import import_directory
from tests.test_import_pipeline import album  # noqa: F401 (a fixture)

STAGED_WAIT_SECONDS = 120  # a bound for a broken import, not a measurement


def staged(app, before=frozenset()):
    """Files staged under the media root and not in `before`: the media root is the whole
    test session's, and other tests' interrupted writes may still lie there."""
    with app.app_context():
        return set((store.root() / "tmp").glob("incoming-*")) - before


def wait_for_staged(app, count, importing, before):
    """Until `count` files are staged (read, not yet decided), or the import has stopped."""
    deadline = time.monotonic() + STAGED_WAIT_SECONDS
    while len(staged(app, before)) < count and importing.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(staged(app, before))


@pytest.mark.parametrize("workers", [1, 2])
def test_files_read_while_the_catalogue_loads_are_decided_against_all_of_it(
        app, album, db, make_audio, workers):  # noqa: F811
    with app.app_context():
        first = {o.path: o.track_id for o in import_directory(album).outcomes}
    (album / "Songs" / "08 copy of 01.mp3").write_bytes((album / "Songs" / "01.mp3").read_bytes())
    (album / "Songs" / "09.mp3").write_bytes(make_audio(seconds=0.5, freq=900).read_bytes())
    app.extensions.pop(state.EXTENSION_KEY)  # as in a process that starts: nothing loaded
    catalogue, summary, before = state.of(app), {}, frozenset(staged(app))
    catalogue.lock.acquire()  # as its load holds it, until the test has seen the files read

    def run():
        with app.app_context():
            summary["import"] = import_directory(album, workers=workers)

    importing = threading.Thread(target=run)
    importing.start()
    try:
        read = wait_for_staged(app, 8, importing, before)  # every file but the broken one
    finally:
        catalogue.lock.release()
        importing.join()
    assert read == 8
    outcomes = {o.path: (o.status, o.reason, o.track_id) for o in summary["import"].outcomes}
    for number in (1, 2, 3, 5, 6, 7):
        path = f"Songs/{number:02d}.mp3"
        assert outcomes[path] == ("skipped", "unchanged", first[path])
    assert outcomes["Songs/08 copy of 01.mp3"] == (
        "skipped", f"same audio as track {first['Songs/01.mp3']}", first["Songs/01.mp3"])
    assert outcomes["Songs/09.mp3"][:2] == ("added", None)
    assert outcomes["Songs/04.mp3"][0] == "failed"
    assert db.tracks.count_documents({}) == 7
    assert staged(app, before) == set()  # what was read for nothing is gone
