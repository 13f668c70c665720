"""Writing into a catalogue connection: bulk load, upsert, delete and plays."""

from server.library.catalogue import derived, names, ranks, records

ALBUM_COLUMNS = ("album_id", "album", "album_artist", "album_artist_id", "artist", "artist_id",
                 "disc", "track_no", "year", "duration")
SCAN_COLUMNS = ("source_folder", "size", "source_mtime_ns", "missing", "folder_cover")
COLUMNS = ALBUM_COLUMNS + SCAN_COLUMNS
INSERT_TRACK = f"""INSERT INTO tracks (rowid, id, title_key, category_key, created_at,
    play_count, content_hash, cover_hash, source_path, {", ".join(COLUMNS)}, doc)
    VALUES (:rowid, :id, :title_key, :category_key, :created_at, :play_count, :content_hash,
            :cover_hash, :source_path, {", ".join(":" + c for c in COLUMNS)}, :doc)"""
UPDATE_TRACK = f"""UPDATE tracks SET title_key = :title_key, category_key = :category_key,
    created_at = :created_at, content_hash = :content_hash, cover_hash = :cover_hash,
    source_path = :source_path, {", ".join(f"{c} = :{c}" for c in COLUMNS)},
    doc = :doc WHERE rowid = :rowid"""
INSERT_GENRE = "INSERT INTO track_genres (key, track_rowid, name) VALUES (?, ?, ?)"
OWNERS = "SELECT album_id, album_artist_id, artist_id FROM tracks WHERE rowid = ?"
INSERT_SEARCH = ("INSERT INTO search (rowid, title, artist, album, tags, category) "
                 "VALUES (?, ?, ?, ?, ?, ?)")


def load(conn, items, first_rowid=1, vocabulary=False):
    """Bulk-add (document, its JSON or None, play count) items not yet in the catalogue;
    returns the next rowid. A rebuild leaves the vocabulary to schema.finish."""
    rows, texts, words, categories, genres = [], [], set(), {}, []
    for rowid, (doc, text, play_count) in enumerate(items, start=first_rowid):
        rows.append({**records.columns(doc, text), "rowid": rowid, "play_count": play_count})
        texts.append((rowid, *records.search_text(doc)))
        genres += [(key, rowid, name) for key, name in names.genres(doc).items()]
        if vocabulary:
            words.update(records.terms(doc))
        key = rows[-1]["category_key"]
        name, count = categories.get(key, (doc.get("category"), 0))
        categories[key] = (name, count + 1)
    conn.executemany(INSERT_TRACK, rows)
    conn.executemany(INSERT_SEARCH, texts)
    conn.executemany(INSERT_GENRE, genres)
    for key, (name, count) in categories.items():
        count_category(conn, key, name, count)
    add_terms(conn, words)
    return first_rowid + len(rows)


def base_plays(doc):
    """Plays counted in the document itself (older databases incremented play_count)."""
    return doc.get("play_count") or 0


def add_terms(conn, words):
    """Remember new words for the typo fallback."""
    words, known = list(words), set()
    for start in range(0, len(words), 500):  # under SQLite's limit on bound parameters
        chunk = words[start:start + 500]
        known.update(row[0] for row in conn.execute(
            f"SELECT term FROM terms WHERE term IN ({','.join('?' * len(chunk))})", chunk))
    new = [(word,) for word in words if word not in known]
    conn.executemany("INSERT INTO terms (term) VALUES (?)", new)
    conn.executemany("INSERT INTO term_trigrams (term) VALUES (?)", new)


def count_category(conn, key, name, delta):
    """Count a track in or out of its category (the cut for imports counts the same way)."""
    if not key:
        return
    # The first spelling seen names the category (writes reuse it: canonical_category).
    conn.execute("INSERT INTO categories (key, name, count) VALUES (?, ?, ?) "
                 "ON CONFLICT (key) DO UPDATE SET count = count + excluded.count",
                 (key, name or key, delta))
    conn.execute("DELETE FROM categories WHERE key = ? AND count <= 0", (key,))


def _existing(conn, track_id):
    return conn.execute("SELECT rowid, doc FROM tracks WHERE id = ?", (str(track_id),)).fetchone()


def _touch_row(conn, rowid, touched):
    """Mark the album, artists and genres a track row counts in as needing a refresh."""
    touched.add(*conn.execute(OWNERS, (rowid,)).fetchone(),
                genres=[key for (key,) in conn.execute(
                    "SELECT key FROM track_genres WHERE track_rowid = ?", (rowid,))])


def upsert(conn, doc, pending_plays, touched):
    """Add a track or replace its fields (keeping its play count); what it was and is now
    counted in goes into `touched` (a derived.Touched)."""
    ranks.forget(conn)
    found = _existing(conn, doc["_id"])
    if found is None:
        rowid = (conn.execute("SELECT coalesce(max(rowid), 0) + 1 FROM tracks").fetchone()[0])
        plays = base_plays(doc) + pending_plays.pop(doc["_id"], 0)
        load(conn, [(doc, None, plays)], first_rowid=rowid, vocabulary=True)
        _touch_row(conn, rowid, touched)
        return
    rowid, old_text = found
    _touch_row(conn, rowid, touched)
    _uncount(conn, old_text)
    columns = records.columns(doc)
    conn.execute(UPDATE_TRACK, {**columns, "rowid": rowid})
    conn.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
    conn.execute(INSERT_SEARCH, (rowid, *records.search_text(doc)))
    conn.execute("DELETE FROM track_genres WHERE track_rowid = ?", (rowid,))
    conn.executemany(INSERT_GENRE, [(key, rowid, name) for key, name in names.genres(doc).items()])
    _touch_row(conn, rowid, touched)
    count_category(conn, columns["category_key"], doc.get("category"), +1)
    add_terms(conn, set(records.terms(doc)))


def delete(conn, track_id, touched):
    """Remove a track (nothing happens when it is not there)."""
    ranks.forget(conn)
    found = _existing(conn, track_id)
    if found is None:
        return
    rowid, text = found
    _touch_row(conn, rowid, touched)
    conn.execute("DELETE FROM tracks WHERE rowid = ?", (rowid,))
    conn.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
    conn.execute("DELETE FROM track_genres WHERE track_rowid = ?", (rowid,))
    _uncount(conn, text)


def _uncount(conn, text):
    old = records.decode(text, 0)
    count_category(conn, records.search.normalise(old.get("category")), None, -1)


def play(conn, track_id, at, pending_plays):
    """Count one play at time `at` (ISO 8601), in its track, album and artist rows; a play of
    a track not seen yet waits for its row."""
    row = conn.execute("SELECT album_id, artist_id FROM tracks WHERE id = ?",
                       (str(track_id),)).fetchone()
    if row is None:
        pending_plays[track_id] = pending_plays.get(track_id, 0) + 1
        return
    conn.execute("UPDATE tracks SET play_count = play_count + 1, "
                 "last_played = max(coalesce(last_played, ''), ?) WHERE id = ?",
                 (at, str(track_id)))
    derived.count_play(conn, *row, at)


def set_last_played(conn, times):
    """Put back the last play time of tracks, {rowid or id: ISO 8601} (after a bulk load)."""
    column = "rowid" if all(isinstance(key, int) for key in times) else "id"
    conn.executemany(f"UPDATE tracks SET last_played = ? WHERE {column} = ?",
                     [(at, str(key) if column == "id" else key) for key, at in times.items()])
