"""The OpenAPI 3.1 document, assembled from one module per resource.

Each module in `sections()` has PATHS (OpenAPI path items keyed by path) and may have
SCHEMAS (component schemas). tests/test_openapi.py checks that the document and the app's
URL map name the same operations, so the two cannot drift.
"""

import base64
import hashlib

from flask import Blueprint, current_app, jsonify

from server.openapi import components
from server.version import VERSION

bp = Blueprint("openapi", __name__)


def sections():
    """The modules describing each resource."""
    from server.openapi import (
        albums,
        auth,
        conversations,
        devices,
        favorites,
        health,
        history,
        household,
        me,
        media,
        meta,
        playlists,
        rules,
        scan,
        subsonic_keys,
        tracks,
    )

    return (health, meta, tracks, albums, media, auth, me, favorites, playlists, history, devices,
            rules, conversations, household, scan, subsonic_keys)


def build_spec():
    paths, schemas = {}, dict(components.SCHEMAS)
    for section in sections():
        paths.update(section.PATHS)
        schemas.update(getattr(section, "SCHEMAS", {}))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Tapcast API",
            "version": VERSION,
            "description": "A self-hosted audio library: tracks, accounts, playlists, devices. "
                           "Every error is {\"error\": {code, message, details}}.",
        },
        "servers": [{"url": "/"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "responses": components.RESPONSES,
            "parameters": components.PARAMETERS,
            "securitySchemes": components.SECURITY_SCHEMES,
        },
    }


@bp.get("/api/v1/openapi.json")
def openapi_json():
    """This API's OpenAPI 3.1 document."""
    spec = current_app.extensions.get("tapcast.openapi")
    if spec is None:
        spec = current_app.extensions["tapcast.openapi"] = build_spec()
    return jsonify(spec)


DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tapcast API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
code{background:#f3f3f3;padding:0 .3em}section{border-top:1px solid #ddd;padding:.5rem 0}
.m{display:inline-block;min-width:4.5em;font-weight:bold;text-transform:uppercase}</style></head>
<body><h1>Tapcast API</h1><p>The machine-readable document: <a href="/api/v1/openapi.json">
/api/v1/openapi.json</a>.</p><div id="ops">Loading…</div>
<script>
fetch('/api/v1/openapi.json').then(r => r.json()).then(spec => {
  const root = document.getElementById('ops');
  root.textContent = '';
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (typeof op !== 'object' || !op.responses) continue;
      const section = document.createElement('section');
      const head = document.createElement('div');
      const verb = document.createElement('span');
      verb.className = 'm'; verb.textContent = method;
      const code = document.createElement('code'); code.textContent = path;
      head.append(verb, code);
      const summary = document.createElement('p'); summary.textContent = op.summary || '';
      section.append(head, summary);
      root.append(section);
    }
  }
});
</script></body></html>"""


def docs_policy():
    """The page's CSP: its one inline script, by hash, and nothing else."""
    script = DOCS_PAGE.split("<script>", 1)[1].split("</script>", 1)[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return (f"script-src 'sha256-{digest}'; object-src 'none'; base-uri 'none'; "
            "frame-ancestors 'self'")


@bp.get("/api/docs")
def docs_page():
    """A human-readable index of the API."""
    return DOCS_PAGE, 200, {"Content-Type": "text/html; charset=utf-8",
                            "Content-Security-Policy": docs_policy()}


def init_app(app):
    app.register_blueprint(bp)
