"""The production stack's files are valid."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from devtools.front import nginx_binary

ROOT = Path(__file__).resolve().parent.parent
SECRET_NAMES = re.compile(r"SECRET|TOKEN|PASSWORD|_KEY$")


def compose_file():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_docker_compose_file_is_valid():
    # Debian's docker-compose validates the file without a Docker engine.
    assert shutil.which("docker-compose"), "make test installs docker-compose"
    env = {**os.environ, "SECRET_KEY": "a-long-random-secret-for-validation"}
    result = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "mongo:7" in result.stdout
    assert "MONGO_URI: mongodb://mongo:27017/tapcast" in result.stdout


def test_compose_refuses_to_start_without_the_secret():
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    result = subprocess.run(["docker-compose", "-f", str(ROOT / "docker-compose.yml"), "config"],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_every_service_has_a_health_check():
    services = compose_file()["services"]
    assert {"mongo", "redis", "server", "front"} <= set(services)
    assert [name for name, service in services.items() if "healthcheck" not in service] == []


def test_no_secret_has_a_default():
    for name, service in compose_file()["services"].items():
        for variable, value in (service.get("environment") or {}).items():
            if SECRET_NAMES.search(variable):
                assert re.fullmatch(r"\$\{[A-Z_]+(:\?[^}]*)?\}", str(value)), (name, variable)


def test_the_server_service_can_be_scaled():
    server = compose_file()["services"]["server"]
    assert "ports" not in server and "container_name" not in server
    assert server["environment"]["REDIS_URL"].startswith("redis://redis:")


@pytest.mark.parametrize("tls", [False, True])
def test_the_front_configuration_rendered_from_the_environment_is_valid_nginx(tmp_path, tls):
    from server.tls import issue_server_certificate

    env = {"PATH": os.environ["PATH"], "FRONT_UPSTREAMS": "127.0.0.1:5000,127.0.0.1:5001",
           "FRONT_RUN_DIR": str(tmp_path), "FRONT_MEDIA_ROOT": str(tmp_path),
           "FRONT_USER": "root", "FRONT_ERROR_LOG": str(tmp_path / "error.log")}
    if tls:
        paths, _ = issue_server_certificate(tmp_path / "tls", ["tapcast.home"], [])
        env.update(FRONT_TLS_LISTEN="127.0.0.1:8443", FRONT_TLS_CERT_FILE=str(paths["cert"]),
                   FRONT_TLS_KEY_FILE=str(paths["key"]), FRONT_CA_CERT=str(paths["ca_cert"]))
    conf = tmp_path / "nginx.conf"
    subprocess.run(["python3", "-m", "deploy.nginx_conf", str(conf)], cwd=ROOT, env=env,
                   check=True, timeout=30)
    result = subprocess.run([nginx_binary(), "-t", "-p", str(tmp_path), "-e",
                             str(tmp_path / "error.log"), "-c", str(conf)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert ("ssl_certificate" in conf.read_text()) is tls


def test_production_config_refuses_default_secret(monkeypatch):
    import pytest

    from server import create_app

    monkeypatch.setenv("TAPCAST_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app()
