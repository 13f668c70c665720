"""The batches of an import: each one's files synced together, its new records inserted together.

Order matters because there are no transactions (as in server.library.ingest): a batch's
files reach their final names before any record points at them, and a replaced file is
released only after its record points elsewhere. A writer thread writes one batch while
the next fills (syncing is mostly waiting for the disk).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from flask import current_app

from server.library import batch_files, ingest, tracks

BATCH_SIZE = 200
NO_COVER = {"cover_hash": None, "cover_full": None, "cover_thumb": None}


class ImportBatch:
    def __init__(self, size=BATCH_SIZE):
        self.size = size
        self.covers = {}  # store path -> JPEG bytes a worker sent, until a record needs them
        self.stored = set()  # cover store paths this import has already written
        self.app = current_app._get_current_object()  # for the writer thread
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="import-writer")
        # The catalogue's connection is one: this thread and the writer take turns with it
        # (server.library.import_index says why; the index holds this guard too).
        self.catalogue_guard = threading.Lock()
        self.writing = None  # the future of the batch being written
        self.clear()

    def clear(self):
        self.moves, self.adds, self.updates = [], [], []

    def receive_cover(self, cover):
        """Keep the bytes of a cover a worker made (sent once: later files name it only)."""
        if cover and cover.full is not None:
            self.covers.setdefault(cover.cover_full, cover.full)
            self.covers.setdefault(cover.cover_thumb, cover.thumb)

    def add(self, fields, result):
        """Queue a new record (fields without cover) and its files."""
        self.adds.append({**fields, **self.files_of(fields, result)})
        self.flush_when_full()

    def update(self, track_id, fields, result):
        """Queue new audio for an existing record; False when that record has gone."""
        with self.catalogue_guard:
            old = tracks.find_track(track_id)
        if old is None:
            return False
        self.updates.append((track_id, {**NO_COVER, **fields, **self.files_of(fields, result)},
                             old))
        self.flush_when_full()
        return True

    def files_of(self, fields, result):
        """Queue the staged audio and any cover not yet stored; the record's cover fields."""
        self.moves.append((result.staged, fields["audio_path"]))
        if result.cover is None:
            return {}
        for rel in (result.cover.cover_full, result.cover.cover_thumb):
            if rel not in self.stored:
                self.moves.append((batch_files.write_temp(self.covers.pop(rel)), rel))
                self.stored.add(rel)
        return result.cover.fields()

    def flush_when_full(self):
        if len(self.adds) + len(self.updates) >= self.size:
            self.flush()

    def flush(self):
        """Hand the batch to the writer, once the previous one is written (errors surface)."""
        if self.writing is not None:
            self.writing.result()
        self.writing = self.writer.submit(self.write, self.moves, self.adds, self.updates)
        self.clear()

    def finish(self):
        """Write what is queued and wait for every batch."""
        try:
            self.flush()
            self.writing.result()
        finally:
            self.writer.shutdown()

    def write(self, moves, adds, updates):
        """Files into place, then the records: new ones in one insert, changed ones after."""
        with self.app.app_context():
            batch_files.commit(moves)
            with self.catalogue_guard:
                tracks.insert_tracks(adds, spelled=True)  # track_fields spelled them
                for track_id, changes, old in updates:
                    tracks.update_track(track_id, changes)
                    ingest.release_files(old)
