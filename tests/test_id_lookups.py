"""A find by _id is an index lookup on the test database, FerretDB included.

FerretDB v1.24 does not use its own _id index (tools/ferretdb/idindex.go says why); the
wrapper adds one on the expression its queries use, for collections made while it runs.
"""

import time

from bson import ObjectId


def plan_text(db, collection, _id):
    # A real read first: SQLite re-reads a changed schema (the new index) when a statement
    # runs, and an EXPLAIN alone on a connection that has not done so plans with the old one.
    db[collection].find_one({"_id": _id})
    explained = db.command("explain", {"find": collection, "filter": {"_id": _id}, "limit": 1})
    return repr(explained.get("queryPlanner"))


def wait_for_lookup_plan(db, collection, _id, seconds=10):
    """The plan, once the wrapper has indexed the new collection (it looks every 200 ms)."""
    deadline = time.monotonic() + seconds
    while True:
        plan = plan_text(db, collection, _id)
        if "SCAN" not in plan.replace("IXSCAN", "") or time.monotonic() > deadline:
            return plan
        time.sleep(0.1)


def test_a_new_collection_is_read_by_id_through_an_index(db):
    db.id_lookup_probe.insert_many([{"_id": f"key:{n}", "n": n} for n in range(50)])
    plan = wait_for_lookup_plan(db, "id_lookup_probe", "key:49")
    # FerretDB: "SEARCH <table> USING INDEX <table>_tapcast_id_lookup"; MongoDB: IDHACK or
    # an IXSCAN of _id_. Never a scan of the table.
    assert "SCAN" not in plan.replace("IXSCAN", ""), plan
    assert db.id_lookup_probe.find_one({"_id": "key:49"})["n"] == 49


def test_object_ids_too_and_the_index_does_not_change_what_is_found(db):
    ids = [ObjectId() for _ in range(20)]
    db.id_lookup_oids.insert_many([{"_id": value, "n": n} for n, value in enumerate(ids)])
    wait_for_lookup_plan(db, "id_lookup_oids", ids[-1])
    assert [db.id_lookup_oids.find_one({"_id": value})["n"] for value in ids] == list(range(20))
    assert db.id_lookup_oids.find_one({"_id": ObjectId()}) is None
    db.id_lookup_oids.update_one({"_id": ids[3]}, {"$set": {"n": 99}})
    assert db.id_lookup_oids.find_one({"_id": ids[3]})["n"] == 99
    db.id_lookup_oids.delete_one({"_id": ids[4]})
    assert db.id_lookup_oids.find_one({"_id": ids[4]}) is None
    assert db.id_lookup_oids.count_documents({}) == 19
