"""Normalised text for sorting, and search queries in FTS5's syntax.

Text is casefolded and stripped of accents in Python for the sort and category keys; the
FTS5 tokenizer (`unicode61 remove_diacritics 2`) does the same for the indexed words, and
query words are normalised here first, so accents and case are ignored in both directions.
"""

import re
import unicodedata

WORD = re.compile(r"[^\W_]+", re.UNICODE)  # unicode61 splits on "_" as well
MAX_QUERY_WORDS = 8


def without_accents(text):
    """The text with combining marks dropped: "Élan" -> "Elan"."""
    if text.isascii():
        return text  # the common case, without decomposing each character
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text):
    """Casefolded text without accents, for sort and category keys: "Élan" -> "elan"."""
    return without_accents(text or "").casefold().strip()


def fold(text):
    """Text as FTS5's unicode61 tokenizer folds it: lower case, no accents ("ß" stays)."""
    return without_accents(text or "").lower()


def words(*texts):
    """The distinct words of the texts as the search index holds them, in first-seen order."""
    seen = {}
    for text in texts:
        for word in WORD.findall(fold(text)):
            seen.setdefault(word, None)
    return list(seen)


def query_words(q):
    """The words a search for q looks for (at most MAX_QUERY_WORDS)."""
    return words(q)[:MAX_QUERY_WORDS]


def match_expression(alternatives):
    """FTS5 MATCH text: every group must match, any word of a group as a prefix.

    `alternatives` is a list of lists of words; words hold only letters and digits, so
    quoting them is enough to keep FTS5's operators out.
    """
    groups = []
    for group in alternatives:
        terms = " OR ".join(f'"{word}"*' for word in group)
        groups.append(f"({terms})" if len(group) > 1 else terms)
    return " AND ".join(groups)
