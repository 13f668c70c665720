"""`backup DIR` and `restore DIR [--force]` as Flask commands (also `python -m server …`)."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from server import db
from server.backup import dump, load
from server.backup.manifest import BackupError


@click.command("backup")
@with_appcontext
@click.argument("target", type=click.Path(path_type=Path))
def backup_command(target):
    """Write a consistent, restorable copy of the database and media store to TARGET."""
    try:
        manifest = dump.write_backup(db.get_db(), current_app.config["MEDIA_ROOT"], target)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    documents = sum(entry["count"] for entry in manifest["collections"].values())
    click.echo(f"backup written to {target}: {len(manifest['collections'])} collections, "
               f"{documents} documents, {manifest['media']['count']} media files")


@click.command("restore")
@with_appcontext
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the data of a non-empty database.")
def restore_command(source, force):
    """Verify the backup in SOURCE, restore it, recreate the indexes and report the counts."""
    try:
        report = load.restore(db.get_db(), current_app.config["MEDIA_ROOT"], source, force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    db.ensure_indexes(current_app)
    for name, count in report["collections"].items():
        click.echo(f"  {name}: {count} documents")
    click.echo(f"restored {sum(report['collections'].values())} documents in "
               f"{len(report['collections'])} collections and {report['media_files']} media "
               f"files ({report['media_written']} written); indexes recreated")


COMMANDS = (backup_command, restore_command)
