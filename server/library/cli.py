"""Library commands: `import DIR` and `demo [--if-empty]`."""

import contextlib
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from server import db
from server.library import demo, importer, store
from server.library.import_batch import BATCH_SIZE


@contextlib.contextmanager
def progress(total):
    """A callback advancing a progress bar on a terminal; doing nothing otherwise (clean logs)."""
    if not sys.stdout.isatty():
        yield None
        return
    with click.progressbar(length=total, label="Importing", show_pos=True,
                           item_show_func=lambda name: name or "") as bar:
        yield lambda outcome: bar.update(1, Path(outcome.path).name)


def report(label, summary):
    click.echo(f"{label}: {summary.headline()}")
    for line in summary.details():
        click.echo(f"  {line}")


@click.command("import")
@with_appcontext
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes reading files (default: one per core).")
@click.option("--batch-size", type=click.IntRange(1, 10_000), default=BATCH_SIZE,
              show_default=True, help="Records written together.")
def import_command(directory, workers, batch_size):
    """Import every audio file under DIRECTORY (again: only new and changed files)."""
    db.ensure_indexes(current_app)
    store.sweep_staging()
    base = directory.resolve()
    paths = importer.candidate_files(base)
    with progress(len(paths)) as on_outcome:
        summary = importer.import_paths(paths, base, workers=workers, batch_size=batch_size,
                                        on_outcome=on_outcome)
    report(f"Imported {base}", summary)


@click.command("demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when the library has tracks.")
def demo_command(if_empty):
    """Generate the demo library (spoken titles and tones, with tags and covers) and import it."""
    db.ensure_indexes(current_app)
    if if_empty and demo.library_has_tracks():
        click.echo("demo: the library already has tracks; nothing to do")
        return
    report("Demo library", demo.load_demo())


COMMANDS = (import_command, demo_command)
