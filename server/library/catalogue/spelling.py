"""The typo fallback: words of the library within a small edit distance of a query word.

Candidates come from a trigram index of every word the library holds (FTS5's trigram
tokenizer), so only a few dozen words are compared, whatever the size of the library.
"""

CANDIDATES = 40  # best trigram matches compared by edit distance
MIN_LENGTH = 4  # shorter words are too ambiguous to correct


def known_prefix(conn, word):
    """Does some word of the library start with `word`?"""
    row = conn.execute("SELECT 1 FROM terms WHERE term >= ? AND term < ? LIMIT 1",
                       (word, word + "\U0010ffff")).fetchone()
    return row is not None


def corrections(conn, word):
    """Library words that `word` may be a misspelling of (or of the start of), best first."""
    if len(word) < MIN_LENGTH:
        return []
    grams = {word[i:i + 3] for i in range(len(word) - 2)}
    query = " OR ".join(f'"{gram}"' for gram in sorted(grams))
    found = conn.execute("SELECT term FROM term_trigrams WHERE term_trigrams MATCH ? "
                         "ORDER BY rank LIMIT ?", (query, CANDIDATES)).fetchall()
    allowed = 1 if len(word) <= 6 else 2
    scored = []
    for (term,) in found:
        distance = min(edit_distance(word, term), edit_distance(word, term[:len(word)]))
        if distance <= allowed:
            scored.append((distance, term))
    return [term for _, term in sorted(scored)]


def corrected_groups(conn, words):
    """Each query word with its alternatives; None when some word has no match at all."""
    groups = []
    for word in words:
        if known_prefix(conn, word):
            groups.append([word])
            continue
        alternatives = corrections(conn, word)
        if not alternatives:
            return None
        groups.append(alternatives[:5])
    return groups


def edit_distance(a, b):
    """Damerau-Levenshtein distance (adjacent swaps count one), for short words."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], previous2[j - 2] + 1)
        previous2, previous = previous, row
    return previous[-1]


