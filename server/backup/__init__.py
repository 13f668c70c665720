"""Backups: `python -m server backup DIR` and `restore DIR` (see README, "Backups").

A backup folder holds db/<collection>.bson (the documents as stored, BSON, so ObjectId and
datetime types come back exact), media/ (the media store's files) and manifest.json with the
count and SHA-256 of each. It is written under a temporary name and renamed when whole.
"""
