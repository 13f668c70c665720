"""Seeding the people of a benchmark world in today's document shapes, by bulk insert.

    seed_people(app, db, track_ids, *, users, favorites_per_user, history_per_user,
                playlists_per_user, playlist_size, receivers, messages, tokens)

Users get one password hash between them (scrypt is slow by design), receivers are paired
round robin, and every receiver has a conversation with its owner holding an equal share of
the messages. The shapes follow server.accounts, server.personal, server.devices and
server.messages; a change of shape there belongs here too.
"""

import random
import secrets
from datetime import timedelta

from bson import ObjectId

from server.accounts import tokens as account_tokens
from server.accounts.passwords import hash_password
from server.accounts.users import username_key
from server.devices import devices
from server.jsonutil import utcnow

PASSWORD = "bench-world-pass-7"
BATCH = 1000


def insert_all(collection, docs):
    for start in range(0, len(docs), BATCH):
        collection.insert_many(docs[start:start + BATCH], ordered=False)


def user_docs(count, now):
    password_hash = hash_password(PASSWORD)
    return [{"_id": ObjectId(), "username": f"bench{n}", "username_key": username_key(
        f"bench{n}"), "password_hash": password_hash, "nickname": f"Bench {n}",
        "is_admin": n == 0, "created_at": now, "updated_at": now} for n in range(count)]


def token_docs(user_ids, count, now):
    """(raw token of each user, every token document: one per user, the rest spread)."""
    raws = [secrets.token_urlsafe(32) for _ in range(count)]
    docs = [{"token_hash": account_tokens.digest(raw), "user_id": user_ids[n % len(user_ids)],
             "created_at": now, "expires_at": now + timedelta(days=30)}
            for n, raw in enumerate(raws)]
    return raws[:len(user_ids)], docs


def personal_docs(rng, user_id, track_ids, sizes, now):
    """(favorites, history rows, playlists) of one user."""
    favorites = [{"user_id": user_id, "track_id": track_id, "created_at": now - timedelta(
        seconds=n)} for n, track_id in enumerate(rng.sample(track_ids, sizes["favorites"]))]
    history = [{"user_id": user_id, "track_id": track_id, "position": rng.uniform(0, 100),
                "completed": n % 3 == 0, "played_at": now - timedelta(minutes=n)}
               for n, track_id in enumerate(rng.sample(track_ids, sizes["history"]))]
    playlists = [{"owner_id": user_id, "name": f"Playlist {n}", "version": 1,
                  "track_ids": rng.sample(track_ids, sizes["playlist_size"]),
                  "created_at": now, "updated_at": now} for n in range(sizes["playlists"])]
    return favorites, history, playlists


def receiver_docs(user_ids, count):
    """(device documents paired round robin, their raw tokens)."""
    docs, raws = [], []
    for n in range(count):
        doc, raw = devices.new_device(f"Speaker {n}")
        doc["owner_id"] = user_ids[n % len(user_ids)]
        docs.append(doc)
        raws.append(raw)
    return docs, raws


def conversation_docs(device_docs, messages, now):
    """(one conversation per receiver with its owner, the messages shared out between them)."""
    share = messages // max(1, len(device_docs))
    conversations, texts = [], []
    for device in device_docs:
        conversation = {"_id": ObjectId(), "device_id": device["_id"],
                        "user_id": device["owner_id"], "last_seq": share,
                        "last_message_at": now, "created_at": now, "user_read_seq": 0,
                        "device_read_seq": 0}
        conversations.append(conversation)
        texts += [{"conversation_id": conversation["_id"], "device_id": device["_id"],
                   "user_id": device["owner_id"], "seq": seq,
                   "sender": "user" if seq % 2 else "device", "created_at": now,
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
    favorites, history, playlists = [], [], []
    for user_id in user_ids:
        mine = personal_docs(rng, user_id, track_ids, sizes, now)
        favorites += mine[0]
        history += mine[1]
        playlists += mine[2]
    device_docs, device_tokens = receiver_docs(user_ids, receivers)
    conversations, texts = conversation_docs(device_docs, messages, now)
    for name, docs in (("users", people), ("tokens", tokens_docs), ("favorites", favorites),
                       ("history", history), ("playlists", playlists),
                       ("devices", device_docs), ("conversations", conversations),
                       ("messages", texts)):
        insert_all(db[name], docs)
    return {"tokens": raw_tokens, "user_ids": user_ids,
            "device_ids": [doc["_id"] for doc in device_docs], "device_tokens": device_tokens,
            "playlist_ids": [doc["_id"] for doc in playlists],
            "conversation_ids": [doc["_id"] for doc in conversations]}
