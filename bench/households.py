"""Household hot paths cost the same however many other households the server keeps.

A household of four (two adults, two children, two receivers) is seeded and its members'
requests are timed; then 2,000 more households of four (8,000 users, 8,000 tokens, 2,000
receivers) join the same database and the same requests are timed again, by the same server
process. A fifth household founded after the crowd is timed too: on FerretDB-SQLite a find by
_id scans up to its document, so the newest documents cost the most (README, "Per-user
data"). Each row is a p50 against the first household's p50 when it was alone.
"""

from datetime import timedelta

from bench.people_scale import Client, measure
from bench.rows import row
from bench.stack import app_for, bench_stack
from bench.world_people import insert_all, token_docs, user_docs

CROWD_HOUSEHOLDS = 2_000
MEMBERS = 4  # two adults, two children


def household_docs(users, now):
    """(household documents, users pointing at them): MEMBERS users per household."""
    from bson import ObjectId

    households = []
    for start in range(0, len(users), MEMBERS):
        group = users[start:start + MEMBERS]
        household_id = ObjectId()
        households.append({
            "_id": household_id, "name": f"Household {start // MEMBERS}", "time_zone": "UTC",
            "members": [{"user_id": user["_id"], "role": "adult" if n < 2 else "child",
                         "allowed_categories": None, "joined_at": now + timedelta(seconds=n)}
                        for n, user in enumerate(group)],
            "invites": [], "created_at": now, "updated_at": now})
        for user in group:
            user["household_id"] = household_id
    return households


def receivers(households):
    from server.devices import devices

    docs, lists = [], []
    for household in households:
        doc, _ = devices.new_device(household["name"])
        doc["household_id"] = household["_id"]
        docs.append(doc)
        lists.append({"_id": household["_id"], "ids": [doc["_id"]]})
    return docs, lists


def seed(settings, count):
    """count households of MEMBERS; (adult token, child token) of the first."""
    from pymongo import MongoClient

    from server import db
    from server.jsonutil import utcnow

    app = app_for(settings)
    client = MongoClient(settings["MONGO_URI"], socketTimeoutMS=600_000, tz_aware=True)
    target = client[settings["MONGO_DB"]]
    with app.app_context():
        db.ensure_indexes(app)
        now = utcnow()
        users = user_docs(count * MEMBERS, now)
        households = household_docs(users, now)
        raws, tokens = token_docs([user["_id"] for user in users], len(users), now)
        devices, lists = receivers(households)
        for name, docs in (("users", users), ("households", households), ("tokens", tokens),
                           ("devices", devices), ("device_lists", lists)):
            insert_all(target[name], docs)
    db.get_client(app).close()
    client.close()
    return raws[0], raws[MEMBERS - 1]


CALLS = [("household", "GET", "/api/v1/household", None),
         ("members", "GET", "/api/v1/household/members", None),
         ("devices", "GET", "/api/v1/devices", None),
         ("unread", "GET", "/api/v1/me/unread", None),
         ("invites", "GET", "/api/v1/household/invites", None)]
CHILD_CALLS = [("child_household", "GET", "/api/v1/household", None),
               ("child_categories", "GET", "/api/v1/categories", None)]


def timed(server, adult, child):
    return {**measure(Client(server, adult), CALLS), **measure(Client(server, child),
                                                                 CHILD_CALLS)}


def run():
    """The first household alone, with the crowd, and a household newer than the crowd."""
    with bench_stack(LOG_LEVEL="WARNING") as (server, settings):
        first = seed(settings, 1)
        server.start()
        alone = timed(server, *first)
        seed(settings, CROWD_HOUSEHOLDS)
        crowded = timed(server, *first)
        newest = timed(server, *seed(settings, 1))
    rows = [row(f"household_{name}_p50_crowded", crowded[name], "ms", alone[name],
                "p50 with the household alone") for name in alone]
    rows += [row(f"household_{name}_p50_newest", newest[name], "ms", alone[name],
                 "p50 of the first household alone") for name in alone]
    return rows
