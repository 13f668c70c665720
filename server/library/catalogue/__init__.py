"""The catalogue: an in-memory SQLite read model of the library, one per server process.

Every library read (lists, sorts, search, counts, categories, tracks by id) is served from
here; MongoDB stays the system of record. `journal` keeps each process exact across others'
writes, `state` owns the process's copy (loading, syncing, readiness), `rows` writes into it,
`queries` and `spelling` read it.
"""
