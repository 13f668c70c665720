"""Reading the catalogue: pages in each order, search, categories, tracks by id or hash."""

from server.library import search
from server.library.catalogue import ranks, records, schema, spelling

SORTS = {
    "title": "t.title_key, t.id",
    "newest": "t.created_at DESC, t.id DESC",
    "popular": "t.play_count DESC, t.title_key, t.id",
}
RANKED = "bm25(search, {}), t.title_key, t.id".format(", ".join(map(str, schema.RANK_WEIGHTS)))


def _docs(rows):
    return [records.decode(text, plays) for text, plays in rows]


def page(conn, *, q=None, category=None, sort=None, page=1, per_page=20):
    """(documents of the page, total matching); with q and no sort, best matches first."""
    where, params = [], []
    if category:
        where.append("t.category_key = ?")
        params.append(search.normalise(category))
    if q is None:
        source = "tracks t"
        order = SORTS[sort or "title"]
    else:
        groups = spelling.corrected_groups(conn, search.query_words(q))
        if not groups:
            return [], 0
        source = "search JOIN tracks t ON t.rowid = search.rowid"
        where.insert(0, "search MATCH ?")
        params.insert(0, search.match_expression(groups))
        order = SORTS[sort] if sort else RANKED
        if sort != "popular":  # an order of text alone: kept (ranks.py)
            kept = _kept_page(conn, source, where, params, order, page, per_page)
            if kept is not None:
                return kept
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    rows = conn.execute(f"SELECT t.doc, t.play_count FROM {source}{clause} ORDER BY {order} "
                        "LIMIT ? OFFSET ?", (*params, per_page, (page - 1) * per_page))
    docs = _docs(rows.fetchall())
    return docs, _total(conn, source, clause, params, q, category, docs, page, per_page)


def _kept_page(conn, source, where, params, order, page, per_page):
    """A page of a search whose order is kept, ranked once if it is not; None past the
    kept rowids (a deep page reads the catalogue itself)."""
    key = (tuple(params), order)
    found = ranks.lookup(conn, key)
    if found is None:
        clause = f" WHERE {' AND '.join(where)}"
        rowids = [row[0] for row in conn.execute(
            f"SELECT t.rowid FROM {source}{clause} ORDER BY {order} LIMIT ?",
            (*params, ranks.KEPT))]
        total = (len(rowids) if len(rowids) < ranks.KEPT else
                 conn.execute(f"SELECT count(*) FROM {source}{clause}", params).fetchone()[0])
        found = rowids, total
        ranks.keep(conn, key, *found)
    rowids, total = found
    start = (page - 1) * per_page
    if start + per_page > ranks.KEPT:
        return None
    return by_rowids(conn, rowids[start:start + per_page]), total


def by_rowids(conn, rowids):
    """The documents of these rows, in this order."""
    if not rowids:
        return []
    rows = conn.execute("SELECT rowid, doc, play_count FROM tracks WHERE rowid IN "
                        f"({','.join('?' * len(rowids))})", rowids).fetchall()
    found = {rowid: records.decode(text, plays) for rowid, text, plays in rows}
    return [found[rowid] for rowid in rowids if rowid in found]


def _total(conn, source, clause, params, q, category, docs, page, per_page):
    if docs and len(docs) < per_page:
        return (page - 1) * per_page + len(docs)  # the last page tells the total itself
    if q is None and category:
        row = conn.execute("SELECT count FROM categories WHERE key = ?",
                           (search.normalise(category),)).fetchone()
        return row[0] if row else 0
    return conn.execute(f"SELECT count(*) FROM {source}{clause}", params).fetchone()[0]


def categories(conn):
    """[{name, count}] of every category, by name."""
    rows = conn.execute("SELECT name, count FROM categories ORDER BY key")
    return [{"name": name, "count": count} for name, count in rows]


def category_name(conn, name):
    """The spelling the library already uses for this category, or None."""
    row = conn.execute("SELECT name FROM categories WHERE key = ?",
                       (search.normalise(name),)).fetchone()
    return row[0] if row else None


def by_ids(conn, track_ids):
    """{ObjectId: document} of the tracks that exist among track_ids."""
    ids = list({str(track_id) for track_id in track_ids})
    found = {}
    for start in range(0, len(ids), 500):  # under SQLite's limit on bound parameters
        chunk = ids[start:start + 500]
        rows = conn.execute("SELECT doc, play_count FROM tracks WHERE id IN "
                            f"({','.join('?' * len(chunk))})", chunk).fetchall()
        found.update((doc["_id"], doc) for doc in _docs(rows))
    return found


def one_by(conn, column, value):
    """The first track whose column (content_hash, cover_hash, source_path) equals value."""
    assert column in ("content_hash", "cover_hash", "source_path", "id")
    row = conn.execute(f"SELECT doc, play_count FROM tracks WHERE {column} = ? LIMIT 1",
                       (value,)).fetchone()
    return records.decode(*row) if row else None


def count_by(conn, column, value):
    """How many tracks have column (content_hash or cover_hash) equal to value."""
    assert column in ("content_hash", "cover_hash")
    return conn.execute(f"SELECT count(*) FROM tracks WHERE {column} = ?",
                        (value,)).fetchone()[0]
