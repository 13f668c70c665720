"""The backup's manifest: what it holds, with counts and SHA-256 checksums, and verifying it."""

import json
from pathlib import Path

from server.library.store import file_hash

FORMAT = 1
NAME = "manifest.json"


class BackupError(RuntimeError):
    """The backup folder is unusable (missing, incomplete or damaged)."""


def write(folder, manifest):
    """Write the manifest last: a folder without one is not a backup."""
    path = Path(folder) / NAME
    path.write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return path


def read(folder):
    path = Path(folder) / NAME
    if not path.is_file():
        raise BackupError(f"{folder} is not a Tapcast backup (no {NAME})")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def expected_files(manifest):
    """{relative path in the backup: SHA-256} for every file the manifest names."""
    files = {entry["file"]: entry["sha256"] for entry in manifest["collections"].values()}
    files.update({f"media/{rel}": digest for rel, digest in manifest["media"]["files"].items()})
    return files


def verify(folder):
    """The manifest, after checking every file against it; BackupError names the first bad one."""
    manifest = read(folder)
    for rel, digest in expected_files(manifest).items():
        path = Path(folder) / rel
        if not path.is_file():
            raise BackupError(f"{rel} is missing from the backup")
        if file_hash(path) != digest:
            raise BackupError(f"{rel} does not match its checksum")
    return manifest
