"""One batch of an import: its files synced together, its new records inserted together.

Order matters because there are no transactions (as in server.library.ingest): a batch's
files reach their final names before any record points at them, and a replaced file is
released only after its record points elsewhere.
"""

from server.library import batch_files, ingest, tracks

BATCH_SIZE = 200
NO_COVER = {"cover_hash": None, "cover_full": None, "cover_thumb": None}


class ImportBatch:
    def __init__(self, size=BATCH_SIZE):
        self.size = size
        self.covers = {}  # store path -> JPEG bytes a worker sent, until a record needs them
        self.stored = set()  # cover store paths this import has already written
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
        """Files into place, then the records: new ones in one insert, changed ones after."""
        batch_files.commit(self.moves)
        tracks.insert_tracks(self.adds)
        for track_id, changes, old in self.updates:
            tracks.update_track(track_id, changes)
            ingest.release_files(old)
        self.clear()
