"""Pairing codes cannot be guessed: each try counts per account and per address."""

from flask import current_app

from server import rate_limits

MESSAGE = "Too many pairing codes tried; wait before trying again"


def limits(user_id, address):
    config = current_app.config
    window = config["PAIRING_GUESS_WINDOW_SECONDS"]
    return [rate_limits.Limit(f"pair-user:{user_id}", config["PAIRING_GUESSES_PER_ACCOUNT"],
                              window),
            rate_limits.Limit(f"pair-addr:{address}", config["PAIRING_GUESSES_PER_ADDRESS"],
                              window)]


def attempt(user_id, address):
    """Count a code tried before looking it up; 429 too_many_attempts with Retry-After."""
    return rate_limits.take_all(limits(user_id, address), "too_many_attempts", MESSAGE)


def succeeded(taken):
    """A right code does not count: pairing several receivers is not guessing.

    (It holds its slot until it is known to be right, so many pairings at the very same
    moment can exceed the allowance; the refused ones retry.)
    """
    rate_limits.release(taken)
