"""The production stack's files are valid."""

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_docker_compose_file_is_valid():
    # Debian's docker-compose validates the file without a Docker engine.
    assert shutil.which("docker-compose"), "make test installs docker-compose"
    env = {**os.environ, "SECRET_KEY": "a-long-random-secret-for-validation"}
    result = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "mongo:7" in result.stdout
    assert "MONGO_URI: mongodb://mongo:27017/tapcast" in result.stdout


def test_production_config_refuses_default_secret(monkeypatch):
    import pytest

    from server import create_app

    monkeypatch.setenv("TAPCAST_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()
