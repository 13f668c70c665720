"""Password hashing with a slow, salted hash (scrypt through Werkzeug), off the event loop."""

from werkzeug.security import check_password_hash, generate_password_hash

from server import cpu_pool


def hash_password(password):
    return cpu_pool.run(generate_password_hash, password, method="scrypt")


def verify_password(password_hash, password):
    return bool(password_hash) and cpu_pool.run(check_password_hash, password_hash, password)
