"""Behind nginx the server sees each client's own address: in its logs and in rate limits."""

import json
import time

from tests.front.http import json_call, request


def failed_sign_in(front, source, name):
    status, _ = json_call(front.port, "POST", "/api/v1/auth/login",
                          {"username": name, "password": "wrong-password-1"}, source=source)
    return status


def test_rate_limit_counts_the_real_address(front_stack):
    front, _, _ = front_stack
    # LOGIN_MAX_FAILURES_PER_ADDRESS is 3 in the front stack; each try names another account.
    assert [failed_sign_in(front, "127.0.0.2", f"ghost{i}") for i in range(4)] == [
        401, 401, 401, 429]
    assert failed_sign_in(front, "127.0.0.3", "ghost-other") == 401


def test_a_forged_forwarded_header_is_not_believed(front_stack):
    front, first, second = front_stack
    headers = {"X-Forwarded-For": "10.9.9.9", "X-Request-ID": "forged-address-check"}
    request(front.port, "GET", "/api/v1/health", headers=headers, source="127.0.0.4")
    lines = [json.loads(line) for process in (first, second)
             for line in process.log_path.read_text().splitlines() if line.startswith("{")]
    access = [line for line in lines if line.get("event") == "access"
              and line.get("path") == "/api/v1/health" and line.get("remote_addr") == "127.0.0.4"]
    assert access, "no access line with the client's own address"
    assert not [line for line in lines if line.get("remote_addr") == "10.9.9.9"]


def test_nginx_logs_the_client_address(front_stack):
    front, _, _ = front_stack
    request(front.port, "GET", "/api/v1/health", source="127.0.0.5")
    wait_for_line(front, "\n127.0.0.5 ")


def wait_for_line(front, text):
    deadline = time.monotonic() + 5  # nginx writes its line just after the response
    while text not in "\n" + front.access_log.read_text():
        assert time.monotonic() < deadline, f"nginx logged no line with {text}"
        time.sleep(0.05)


def test_one_request_id_in_both_logs(front_stack):
    front, _, _ = front_stack
    _, headers, _ = request(front.port, "GET", "/api/v1/health",
                            headers={"X-Request-ID": "trace-from-the-phone-1"})
    assert headers["X-Request-ID"] == "trace-from-the-phone-1"
    wait_for_line(front, "rid=trace-from-the-phone-1 ")
    _, headers, _ = request(front.port, "GET", "/api/v1/health")
    assert len(headers["X-Request-ID"]) == 32
    wait_for_line(front, f"rid={headers['X-Request-ID']} ")
