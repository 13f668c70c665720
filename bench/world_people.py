"""Seeding the people of a benchmark world by bulk insert, in the shapes the server writes.

    seed_people(app, db, track_ids, *, users, favorites_per_user, history_per_user,
                playlists_per_user, playlist_size, receivers, messages, tokens)

Users share one password hash (scrypt is slow by design); receivers are paired round robin
and each has a conversation with its owner holding an equal share of the messages. Every
document is what the server's own write paths produce: tokens under their digest, each
user's favorites and history as journal entries plus the snapshot a process loads cold,
playlists as their first version listed in a per-user document, devices listed per owner,
messages under `<conversation>:<seq>` (tests/test_world_people.py reads a small world back
through the API, so the shapes cannot drift).
"""

import random
import secrets
from datetime import timedelta

import bson
from bson import ObjectId

from server import slots
from server.accounts import tokens as account_tokens
from server.accounts.passwords import hash_password
from server.accounts.users import username_key
from server.devices import devices
from server.jsonutil import utcnow
from server.messages.conversations import conversation_id
from server.personal import favorites, history

PASSWORD = "bench-world-pass-7"
BATCH = 1000
BATCH_BYTES = 2 * 1024 * 1024


def insert_all(collection, docs):
    """Insert in batches of at most BATCH documents or BATCH_BYTES (snapshots are large)."""
    batch, size = [], 0
    for doc in docs:
        batch.append(doc)
        size += len(bson.encode(doc))
        if len(batch) >= BATCH or size >= BATCH_BYTES:
            collection.insert_many(batch, ordered=False)
            batch, size = [], 0
    if batch:
        collection.insert_many(batch, ordered=False)


def user_docs(count, now):
    """count users (names carry a random tag, so several seedings can share a database)."""
    password_hash, tag = hash_password(PASSWORD), secrets.token_hex(3)
    names = [f"bench{n}-{tag}" for n in range(count)]
    return [{"_id": ObjectId(), "username": name, "username_key": username_key(name),
             "password_hash": password_hash, "nickname": f"Bench {n}", "is_admin": n == 0,
             "created_at": now, "updated_at": now} for n, name in enumerate(names)]


def token_docs(user_ids, count, now):
    """(raw token of each user, every token document: one per user, the rest spread)."""
    raws = [secrets.token_urlsafe(32) for _ in range(count)]
    docs = [{"_id": account_tokens.digest(raw), "user_id": user_ids[n % len(user_ids)],
             "epoch": 0, "created_at": now, "expires_at": now + timedelta(days=30)}
            for n, raw in enumerate(raws)]
    return raws[:len(user_ids)], docs


def journal_docs(journal, user_id, entries):
    """(entry documents 1..n, the snapshot of all of them) of one user's journal."""
    prefix = journal.prefix(user_id)
    docs = [{"_id": slots.slot_id(prefix, n), **entry} for n, entry in enumerate(entries, 1)]
    state = journal.empty()
    for doc in docs:
        state = journal.fold(state, doc)
    snapshot = {"_id": slots.slot_id(prefix, 1), "upto": len(docs), "state": journal.dump(state)}
    return docs, [snapshot] if docs else []


def personal_docs(rng, user_id, track_ids, sizes, now):
    """{collection: documents} of one user's favorites, history and playlists."""
    count = sizes["favorites"]
    marks = [{"kind": "favorites", "user_id": user_id, "track_id": track_id, "on": True,
              "at": now - timedelta(seconds=count - n)}
             for n, track_id in enumerate(rng.sample(track_ids, count))]
    count = sizes["history"]
    plays = [{"kind": "history", "user_id": user_id, "track_id": track_id,
              "position": rng.uniform(0, 100), "completed": n % 3 == 0,
              "played_at": now - timedelta(minutes=count - n)}
             for n, track_id in enumerate(rng.sample(track_ids, count))]
    entries, snapshots = journal_docs(favorites.JOURNAL, user_id, marks)
    more_entries, more_snapshots = journal_docs(history.JOURNAL, user_id, plays)
    playlist_ids = [ObjectId() for _ in range(sizes["playlists"])]
    versions = [{"_id": slots.slot_id(str(playlist_id), 1), "playlist_id": playlist_id,
                 "owner_id": user_id, "name": f"Playlist {n}", "version": 1,
                 "track_ids": rng.sample(track_ids, sizes["playlist_size"]),
                 "created_at": now, "updated_at": now}
                for n, playlist_id in enumerate(playlist_ids)]
    return {"personal_entries": entries + more_entries,
            "personal_snapshots": snapshots + more_snapshots,
            "playlist_versions": versions,
            "playlist_lists": [{"_id": user_id, "ids": playlist_ids[::-1]}]}


def receiver_docs(user_ids, count):
    """(device documents paired round robin, their raw tokens, each household's device list).

    Each user is alone in their first household, whose id is the user's."""
    docs, raws, lists = [], [], {}
    for n in range(count):
        doc, raw = devices.new_device(f"Speaker {n}")
        doc["household_id"] = user_ids[n % len(user_ids)]
        docs.append(doc)
        raws.append(raw)
        lists.setdefault(doc["household_id"], []).append(doc["_id"])
    return docs, raws, [{"_id": owner, "ids": ids} for owner, ids in lists.items()]


def conversation_docs(device_docs, messages, now):
    """(one conversation per receiver with its owner, the messages shared out between them)."""
    share = messages // max(1, len(device_docs))
    conversations, texts = [], []
    for device in device_docs:
        conversation = {"_id": conversation_id(device["_id"], device["household_id"]),
                        "device_id": device["_id"], "household_id": device["household_id"],
                        "created_at": now, "user_read_seq": 0, "device_read_seq": 0}
        conversations.append(conversation)
        texts += [{"_id": slots.slot_id(conversation["_id"], seq), "message_id": ObjectId(),
                   "conversation_id": conversation["_id"], "device_id": device["_id"],
                   "household_id": device["household_id"], "seq": seq,
                   "sender": "user" if seq % 2 else "device", "created_at": now,
                   "tally": {"user": (seq + 1) // 2, "device": seq // 2},
                   "kind": "text", "text": f"Message {seq}"} for seq in range(1, share + 1)]
    return conversations, texts


def seed_people(app, db, track_ids, *, users, favorites_per_user, history_per_user,
                playlists_per_user, playlist_size, receivers, messages, tokens):
    """Insert the world's people and their data; what the benchmark needs to act as them."""
    rng, now = random.Random(11), utcnow()
    sizes = {"favorites": favorites_per_user, "history": history_per_user,
             "playlists": playlists_per_user, "playlist_size": playlist_size}
    people = user_docs(users, now)
    user_ids = [doc["_id"] for doc in people]
    raw_tokens, tokens_docs = token_docs(user_ids, max(tokens, users), now)
    collections = {"users": people, "tokens": tokens_docs}
    for user_id in user_ids:
        for name, docs in personal_docs(rng, user_id, track_ids, sizes, now).items():
            collections.setdefault(name, []).extend(docs)
    device_docs, device_tokens, device_lists = receiver_docs(user_ids, receivers)
    conversations, texts = conversation_docs(device_docs, messages, now)
    collections.update(devices=device_docs, device_lists=device_lists,
                       conversations=conversations, messages=texts)
    collections["slot_heads"] = [
        {"_id": slots.head_id(db[name], prefix), "n": number}
        for name in ("personal_entries", "personal_snapshots", "playlist_versions", "messages")
        for prefix, number in slots.tops(doc["_id"] for doc in collections[name]).items()]
    for name, docs in collections.items():
        insert_all(db[name], docs)
    return {"tokens": raw_tokens, "user_ids": user_ids,
            "device_ids": [doc["_id"] for doc in device_docs], "device_tokens": device_tokens,
            "playlist_ids": [doc["playlist_id"] for doc in collections["playlist_versions"]],
            "playlist_tracks": {str(doc["playlist_id"]): {str(t) for t in doc["track_ids"]}
                                for doc in collections["playlist_versions"]},
            "conversation_ids": [doc["_id"] for doc in conversations]}
