"""Normalised keys for case- and accent-insensitive sorting and search.

FerretDB has no collation and no text indexes, so the library stores normalised copies
(`title_key`, `search_words`) and searches them with anchored, escaped regular expressions.
"""

import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_WORDS = 8


def normalise(text):
    """Casefolded text without accents: "Élan" -> "elan"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().strip()


def words(*texts):
    """The distinct normalised words of the texts, in first-seen order."""
    seen = {}
    for text in texts:
        for word in WORD.findall(normalise(text)):
            seen.setdefault(word, None)
    return list(seen)


def query_filter(q):
    """A filter matching tracks where every word of q starts some searchable word.

    None when q has no word at all (only punctuation): such a search matches nothing.
    """
    terms = words(q)[:MAX_QUERY_WORDS]
    clauses = [{"search_words": {"$regex": "^" + re.escape(term)}} for term in terms]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
