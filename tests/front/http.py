"""Plain HTTP requests to the front server, from a chosen loopback source address."""

import http.client
import json


def request(port, method, path, body=None, headers=None, source="127.0.0.1"):
    """(status, headers, raw body) of one request to 127.0.0.1:port sent from `source`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15,
                                            source_address=(source, 0))
    try:
        data = json.dumps(body).encode() if body is not None else None
        all_headers = {**({"Content-Type": "application/json"} if data else {}),
                       **(headers or {})}
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def json_call(port, method, path, body=None, token=None, source="127.0.0.1"):
    """(status, JSON body) of an API call through the front server."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    status, _, raw = request(port, method, path, body, headers, source)
    return status, json.loads(raw) if raw else None
