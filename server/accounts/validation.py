"""Rules for usernames, passwords and nicknames; each check returns an error text or None."""

import re

USERNAME_RE = re.compile(r"[A-Za-z0-9._-]{3,32}")
PASSWORD_MIN, PASSWORD_MAX = 8, 128
NICKNAME_MAX = 64
# The passwords every guessing list starts with; longer ones are caught by the other rules.
COMMON_PASSWORDS = frozenset({
    "password", "password1", "password123", "passw0rd", "12345678", "123456789", "1234567890",
    "qwertyui", "qwerty123", "qwertyuiop", "iloveyou", "sunshine", "princess", "football",
    "baseball", "welcome1", "letmein1", "admin123", "abc12345", "11111111", "88888888",
    "1q2w3e4r", "1qaz2wsx", "zaq12wsx", "trustno1", "dragon12", "monkey12", "superman",
})
SEQUENCES = ("0123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyz",
             "qwertyuiopasdfghjklzxcvbnm")


def username_problem(username):
    """Why the username is not acceptable, or None."""
    if not isinstance(username, str):
        return "must be a string"
    if not USERNAME_RE.fullmatch(username):
        return "must be 3-32 characters: letters, digits, '.', '_' or '-'"
    return None


def password_problem(password, username=None):
    """Why the password is too weak or malformed, or None."""
    if not isinstance(password, str):
        return "must be a string"
    if len(password) < PASSWORD_MIN:
        return f"must be at least {PASSWORD_MIN} characters"
    if len(password) > PASSWORD_MAX:
        return f"must be at most {PASSWORD_MAX} characters"
    lowered = password.casefold()
    if len(set(lowered)) <= 2 or lowered in COMMON_PASSWORDS:
        return "is too easy to guess"
    if any(lowered in sequence for sequence in SEQUENCES):
        return "is too easy to guess"
    if username and (lowered == username.casefold() or username.casefold() in lowered):
        return "must not contain the username"
    return None


def nickname_problem(nickname):
    """Why the nickname is not acceptable, or None (it is stripped before use)."""
    if not isinstance(nickname, str):
        return "must be a string"
    text = nickname.strip()
    if not text:
        return "must not be empty"
    if len(text) > NICKNAME_MAX:
        return f"must be at most {NICKNAME_MAX} characters"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        return "must not contain control characters"
    return None
