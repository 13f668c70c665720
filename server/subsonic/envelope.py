"""The subsonic-response envelope, rendered as XML (the default), JSON or JSONP.

A payload is a dict: scalars become XML attributes, a dict one child element, a list
repeated child elements (in JSON always an array, even of one), and the key "value" an
element's text (a genre's name, a lyrics line). Booleans are "true"/"false" in XML.
"""

import json
import re
from xml.etree import ElementTree

from flask import Response

from server.version import VERSION as SERVER_VERSION

API_VERSION = "1.16.1"
NAMESPACE = "http://subsonic.org/restapi"
FORMATS = ("xml", "json", "jsonp")
CALLBACK = re.compile(r"^[A-Za-z_$][\w$.]{0,99}$")


def envelope(status, payload):
    return {"status": status, "version": API_VERSION, "type": "tapcast",
            "serverVersion": SERVER_VERSION, "openSubsonic": True, **payload}


def error_payload(code, message):
    return {"error": {"code": code, "message": message}}


def xml_scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def fill(element, payload):
    """Write a payload dict into element: attributes, children, text."""
    for key, value in payload.items():
        if value is None:
            continue
        if key == "value":
            element.text = xml_scalar(value)
        elif isinstance(value, dict):
            fill(ElementTree.SubElement(element, key), value)
        elif isinstance(value, list):
            for item in value:
                child = ElementTree.SubElement(element, key)
                if isinstance(item, dict):
                    fill(child, item)
                else:
                    child.text = xml_scalar(item)
        else:
            element.set(key, xml_scalar(value))
    return element


def render_xml(body):
    root = fill(ElementTree.Element("subsonic-response", xmlns=NAMESPACE), body)
    text = ElementTree.tostring(root, encoding="unicode")
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + text,
                    content_type="text/xml; charset=utf-8")


def drop_none(value):
    """JSON without nulls: Subsonic clients expect absent fields, not null ones."""
    if isinstance(value, dict):
        return {key: drop_none(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [drop_none(item) for item in value]
    return value


def render(body, fmt, callback=None):
    """The HTTP response (always 200) for an envelope body in the requested format."""
    if fmt == "xml":
        return render_xml(body)
    text = json.dumps({"subsonic-response": drop_none(body)}, ensure_ascii=False,
                      separators=(",", ":"))
    if fmt == "jsonp":
        return Response(f"{callback}({text});", content_type="application/javascript")
    return Response(text, content_type="application/json")


def format_of(params):
    """(format, callback) requested; unknown formats fall back to XML, as Subsonic does.

    jsonp without a valid callback answers as JSON (a callback is run as code by the client).
    """
    fmt = (params.get("f") or "xml").lower()
    if fmt not in FORMATS:
        return "xml", None
    callback = params.get("callback") or ""
    if fmt == "jsonp" and not CALLBACK.match(callback):
        return "json", None
    return fmt, callback or None
