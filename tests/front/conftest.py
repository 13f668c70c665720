"""The front stack: redis-server, two server processes, nginx in front (deploy/nginx)."""

import pytest

from deploy.nginx_conf import PROJECT_ROOT, FrontSettings
from devtools.front import FrontServer
from devtools.liveserver import LiveServer
from devtools.redis_server import RedisServer

METRICS_TOKEN = "metrics-token-for-the-front-tests"
MEDIA_DECISION_SECONDS = 1  # short, so a deleted track's refusal is soon seen


@pytest.fixture(scope="package")  # stopped once tests/front is done, not at the very end
def front_stack(app_config, tmp_path_factory):
    """(nginx, process A, process B): both processes trust one proxy and hand media to nginx."""
    work = tmp_path_factory.mktemp("front")
    env = {key: str(value) for key, value in app_config.items()}
    env.update(TAPCAST_ENV="testing", TRUSTED_PROXIES="1", MEDIA_ACCEL_REDIRECT="1",
               WS_HEARTBEAT_SECONDS="2", METRICS_ENABLED="1", METRICS_TOKEN=METRICS_TOKEN,
               LOGIN_MAX_FAILURES_PER_ADDRESS="3", MAX_UPLOAD_MB="2")
    with RedisServer(work) as redis_server:
        env["REDIS_URL"] = redis_server.url
        with (LiveServer(env, log_path=work / "a.log") as first,
              LiveServer(env, log_path=work / "b.log") as second):
            settings = FrontSettings(upstreams=[f"127.0.0.1:{first.port}",
                                                f"127.0.0.1:{second.port}"],
                                     run_dir=work / "nginx", media_root=app_config["MEDIA_ROOT"],
                                     app_root=PROJECT_ROOT / "mobile", max_body_mb=2,
                                     media_decision_seconds=MEDIA_DECISION_SECONDS)
            with FrontServer(settings) as front:
                yield front, first, second
