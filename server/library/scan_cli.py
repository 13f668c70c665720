"""`python -m server scan`: index the music folders in place (MUSIC_FOLDERS)."""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from server import db
from server.library import folders, scan_lock, scanner


def progress_bar(items):
    """A progress bar over the files to read, on a terminal; the plain list otherwise."""
    items = list(items)
    if not sys.stdout.isatty():
        yield from items
        return
    with click.progressbar(items, label="Scanning", show_pos=True,
                           item_show_func=lambda item: item[0].path.name if item else "") as bar:
        yield from bar


def report(status):
    counts = status["counts"]
    click.echo("Scanned " + ", ".join(status["folders"]) + ": "
               + ", ".join(f"{counts[name]} {name}" for name in counts))
    for error in status["errors"]:
        click.echo(f"  {error['path']}: {error['reason']}")


@click.command("scan")
@with_appcontext
@click.option("--if-idle", is_flag=True, help="Exit quietly when another process is scanning.")
def scan_command(if_idle):
    """Scan MUSIC_FOLDERS: new, changed, moved and deleted files (unchanged ones not opened)."""
    music_folders = folders.configured()
    if not music_folders:
        raise click.ClickException("MUSIC_FOLDERS is not set: there is nothing to scan")
    db.ensure_indexes(current_app)
    try:
        status = scanner.scan(music_folders, wrap=progress_bar)
    except scan_lock.ScanBusy as exc:
        if if_idle:
            click.echo(f"scan: {exc}; not starting another")
            return
        raise click.ClickException(str(exc)) from None
    report(status)
