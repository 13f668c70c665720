"""Flask commands: init-db, create-admin, sweep, and the library's import and demo."""

import click
from flask import current_app
from flask.cli import with_appcontext

from server import db, locks, migrations, rate_limits, tls
from server.accounts import tokens, users
from server.backup.cli import COMMANDS as BACKUP_COMMANDS
from server.errors import ApiError
from server.households import invites
from server.library.cli import COMMANDS as LIBRARY_COMMANDS
from server.library.scan_cli import scan_command


@click.command("init-db")
@with_appcontext
def init_db_command():
    """Convert documents of older shapes, then create every index (safe to run again)."""
    converted = migrations.migrate(db.get_db(current_app))
    db.ensure_indexes(current_app)
    click.echo("migrated: " + ", ".join(f"{count} {name}" for name, count in converted.items()))
    click.echo("indexes ensured")


@click.command("create-admin")
@with_appcontext
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
def create_admin_command(username, password):
    """Create an administrator (or promote an existing user) and print a token."""
    db.ensure_indexes(current_app)
    user = users.find_by_username(username)
    if user is None:
        try:
            user = users.create_user(username, password, is_admin=True)
        except ApiError as exc:
            raise click.ClickException(exc.message) from None
    else:
        users.set_admin(user["_id"])
    click.echo(f"admin {user['username']} ready; token: {tokens.issue_token(user['_id'])}")


@click.command("sweep")
@with_appcontext
def sweep_command():
    """Delete expired tokens, old rate limit events and abandoned locks (FerretDB has no TTL)."""
    counts = {"tokens": tokens.sweep_expired(), "rate limit events": rate_limits.sweep_expired(),
              "locks": locks.sweep_expired(), "household invitations": invites.sweep_expired()}
    click.echo(", ".join(f"{count} {name}" for name, count in counts.items()) + " removed")


def init_app(app):
    for command in (init_db_command, create_admin_command, sweep_command, *LIBRARY_COMMANDS,
                    *BACKUP_COMMANDS, tls.tls_group):
        app.cli.add_command(command)
    app.cli.add_command(scan_command)
