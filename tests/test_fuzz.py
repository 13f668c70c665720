"""Schemathesis fuzzes the live server from its own OpenAPI document: no 5xx, and every
response is documented (status, content type, headers, body schema), as a stranger, as a
signed-in user and as an administrator.

The budget is bounded (SCHEMATHESIS_MAX_EXAMPLES per operation, a fixed seed so CI runs are
repeatable; set SCHEMATHESIS_SEED to explore other inputs).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz_seed import seed_library

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
MAX_EXAMPLES = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25")
SEED = os.environ.get("SCHEMATHESIS_SEED", "20261127")
# Every check but positive_data_acceptance, which expects any schema-valid input to succeed:
# rules a schema cannot state (a guessable password, an image that does not decode, the
# playlist's current version) make it fail on correct behaviour.
CHECKS = "all"
EXCLUDED_CHECKS = "positive_data_acceptance"
# Operations that would end the run's own session: fuzzing them would only test 401s.
SESSION_ENDING = ["logout"]


# One worker: with two, Hypothesis parses lambdas' source in both threads at once and
# CPython 3.11.7's ast.parse is not thread-safe ("AST constructor recursion depth mismatch").
WORKERS = "1"
# How often a path parameter takes a seeded id rather than a generated one.
KNOWN_ID_PROBABILITY = 0.5


# A receiver registers without an account (POST /devices) and belongs to nobody until it is
# paired, so the inferred link "created device -> a user's device" rightly answers 404: that
# check is off for the user's device operations, and registration starts no stateful chain.
OWNED_DEVICE_OPERATIONS = ["getDevice", "renameDevice", "deleteDevice", "sendDeviceCommand"]


def write_config(folder, known_ids):
    """schemathesis.toml: seeded ids for path parameters of the same name, and unpaired
    receivers kept out of the "created resource is found" check."""
    lines = ["[[operations]]", f"include-operation-id = {json.dumps(OWNED_DEVICE_OPERATIONS)}",
             "checks.ensure_resource_availability.enabled = false", "",
             "[[operations]]", 'include-operation-id = "registerDevice"',
             "phases.stateful.enabled = false", ""]
    for name, values in known_ids.items():
        lines += [f"[dictionaries.{name}]", f"values = {json.dumps(values)}", ""]
    lines.append("[parameters]")
    lines += [f'"path.{name}" = {{ dictionary = "{name}", probability = {KNOWN_ID_PROBABILITY} }}'
              for name in known_ids]
    path = folder / "schemathesis.toml"
    path.write_text("\n".join(lines) + "\n")
    return path


def schemathesis_run(live_server, token, folder, known_ids):
    args = [str(SCHEMATHESIS), "--config-file", str(write_config(folder, known_ids)),
            "run", f"{live_server.url}/api/v1/openapi.json",
            "--checks", CHECKS, "--exclude-checks", EXCLUDED_CHECKS,
            "--max-examples", MAX_EXAMPLES, "--seed", SEED, "--workers", WORKERS,
            "--request-timeout", "15", "--generation-database", "none",
            "--report", "junit", "--report-dir", str(folder), "--no-color"]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
        for operation_id in SESSION_ENDING:
            args += ["--exclude-operation-id", operation_id]
    # Run in the test's own folder: schemathesis keeps a cache of past failures in its cwd.
    return subprocess.run(args, capture_output=True, text=True, timeout=600, cwd=folder,
                          env={**os.environ, "NO_COLOR": "1"})


@pytest.mark.parametrize("who", ["anonymous", "user", "admin"])
def test_api_holds_its_contract_under_fuzzing(app, audio_dir, live_server, who, tmp_path):
    identities, known_ids = seed_library(app, audio_dir)
    result = schemathesis_run(live_server, identities[who], tmp_path, known_ids)
    assert result.returncode == 0, f"schemathesis found problems:\n{result.stdout[-20000:]}" \
                                   f"\n{result.stderr[-2000:]}"
