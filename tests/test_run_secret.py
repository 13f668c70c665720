"""`make run` signs with a random secret of its own, made once and kept in var/."""

import stat

from devtools.run import local_secret
from server.config import DEFAULT_SECRET


def test_secret_is_random_kept_and_private(tmp_path):
    first = local_secret(tmp_path)
    assert first != DEFAULT_SECRET and len(first) >= 48
    assert local_secret(tmp_path) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_each_machine_gets_its_own_secret(tmp_path):
    assert local_secret(tmp_path / "a") != local_secret(tmp_path / "b")
