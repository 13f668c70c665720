"""Password hashing with a slow, salted hash (scrypt through Werkzeug)."""

from werkzeug.security import check_password_hash, generate_password_hash


def hash_password(password):
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash, password):
    return bool(password_hash) and check_password_hash(password_hash, password)
