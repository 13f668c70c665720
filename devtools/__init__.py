"""Developer tooling: the local database, `make run`, test helpers. Never imported by server/."""
