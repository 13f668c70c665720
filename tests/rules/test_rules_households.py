"""House rules belong to the receiver's household: its adults manage them, children cannot,
and the household's time zone is the rules' default."""

import pytest

from tests.households.support import error_code, family, paired_receiver


@pytest.fixture
def home(client):
    people = family(client)
    _, device = paired_receiver(client, people["parent"][1])
    return people, device


@pytest.mark.parametrize("method, what, body", [
    ("get", "rules", None), ("put", "rules", {}), ("post", "bonus", {"minutes": 15}),
    ("get", "report", None)])
def test_a_child_cannot_read_or_change_the_rules(client, home, method, what, body):
    people, device = home
    response = client.open(f"/api/v1/devices/{device['id']}/{what}", method=method.upper(),
                           headers=people["child"][1], json=body)
    assert (response.status_code, error_code(response)) == (403, "adult_required")


def test_the_second_adult_manages_the_rules_in_the_household_time_zone(client, home):
    people, device = home
    parent, partner = people["parent"][1], people["partner"][1]
    response = client.patch("/api/v1/household", headers=parent,
                            json={"time_zone": "Europe/Berlin"})
    assert response.status_code == 200, response.get_json()
    assert client.get(f"/api/v1/devices/{device['id']}/rules", headers=partner).get_json()[
        "rules"]["time_zone"] == "Europe/Berlin"
    response = client.put(f"/api/v1/devices/{device['id']}/rules", headers=partner,
                          json={"daily_limit_minutes": 30})
    assert response.status_code == 200, response.get_json()
    shown = client.get(f"/api/v1/devices/{device['id']}/rules", headers=parent).get_json()
    assert (shown["set"], shown["rules"]["time_zone"], shown["rules"]["daily_limit_minutes"]) \
        == (True, "Europe/Berlin", 30)


def test_the_report_follows_the_household_time_zone(client, home):
    people, device = home
    client.patch("/api/v1/household", headers=people["parent"][1],
                 json={"time_zone": "Pacific/Kiritimati"})
    report = client.get(f"/api/v1/devices/{device['id']}/report",
                        headers=people["partner"][1]).get_json()
    assert report["time_zone"] == "Pacific/Kiritimati" and len(report["days"]) == 14
