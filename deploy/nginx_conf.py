"""Render deploy/nginx/tapcast.conf.in into a complete nginx.conf.

    python -m deploy.nginx_conf OUT        settings from FRONT_* variables (docker-compose)

Tests and benchmarks call render(FrontSettings(...)) directly (devtools/front.py).
"""

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parent
TEMPLATE = HERE / "nginx" / "tapcast.conf.in"
IMMUTABLE = "public, max-age=31536000, immutable"
CA_FILE_NAME = "tapcast-ca.crt"
# The types of the stored files nginx sends for /media/tracks/ (the importer's formats,
# server/library/tags.py, and JPEG covers), the same Content-Type the server would send.
MEDIA_TYPES = {
    "audio/mpeg": "mp3", "audio/mp4": "m4a", "audio/aac": "aac", "audio/ogg": "ogg opus",
    "audio/flac": "flac", "audio/wav": "wav", "image/jpeg": "jpg",
}
HSTS_LINE = '    add_header Strict-Transport-Security "max-age=31536000" always;'


def default_app_root():
    """The built app (`npm run build` writes dist/app) when present, else the source tree."""
    built = PROJECT_ROOT / "dist" / "app"
    return built if (built / "index.html").is_file() else PROJECT_ROOT / "mobile"


@dataclass
class FrontSettings:
    """Everything the rendered configuration depends on."""

    upstreams: list  # "host:port" of each server process
    run_dir: Path  # pid file, temporary bodies
    media_root: Path
    listen: str = "80"
    app_root: Path = field(default_factory=default_app_root)
    max_body_mb: int = 100
    accel_prefix: str = "/_media/"
    media_decision_seconds: int = 10  # how long nginx keeps a track's media decision
    tls_listen: str = ""  # with cert and key: HTTPS here, plain HTTP only redirects
    tls_cert: str = ""
    tls_key: str = ""
    ca_cert: str = ""  # the local authority's root, offered at /tapcast-ca.crt for phones
    user: str = ""  # the worker user when started as root
    workers: str = "auto"
    error_log: str = ""
    access_log: str = ""  # a path, or "off"
    mime_types: str = "/etc/nginx/mime.types"

    @property
    def tls(self):
        return bool(self.tls_listen and self.tls_cert and self.tls_key)


def render(settings):
    """The nginx.conf text for these settings."""
    run = Path(settings.run_dir)
    values = {
        "WORKERS": settings.workers,
        "USER": f"user {settings.user};" if settings.user else "",
        "RUN": str(run),
        "ERROR_LOG": settings.error_log or str(run / "error.log"),
        "ACCESS_LOG": access_log(settings.access_log or str(run / "access.log")),
        "MIME_TYPES": settings.mime_types,
        "ASSET_CACHE": IMMUTABLE if Path(settings.app_root).name == "app"
        and Path(settings.app_root).parent.name == "dist" else "no-cache",
        "UPSTREAMS": "\n".join(f"    server {address} max_fails=1 fail_timeout=5s;"
                               for address in settings.upstreams),
        "APP_ROOT": str(Path(settings.app_root).resolve()),
        "MEDIA_ROOT": str(Path(settings.media_root).resolve()),
        "MAX_BODY_MB": str(settings.max_body_mb),
        "ACCEL_PREFIX": settings.accel_prefix,
        "MEDIA_DECISION_SECONDS": str(int(settings.media_decision_seconds)),
        "MEDIA_TYPES": "\n".join(f"        {mime} {suffixes};"
                                 for mime, suffixes in MEDIA_TYPES.items()),
        "LISTEN": listen_lines(settings),
        "HSTS": HSTS_LINE if settings.tls else "",
        "HTTP_REDIRECT": http_redirect(settings) if settings.tls else "",
        "CA_LOCATION": ca_location(settings.ca_cert),
    }
    text = TEMPLATE.read_text()
    return re.sub(r"@@([A-Z_]+)@@", lambda match: values[match.group(1)], text)


def access_log(target):
    return "off" if target == "off" else f"{target} tapcast"


def listen_lines(settings):
    if not settings.tls:
        return f"    listen {settings.listen};"
    return "\n".join([
        f"    listen {settings.tls_listen} ssl;",
        f"    ssl_certificate {settings.tls_cert};",
        f"    ssl_certificate_key {settings.tls_key};",
        "    ssl_protocols TLSv1.2 TLSv1.3;",
        "    ssl_prefer_server_ciphers off;",
        "    ssl_session_cache shared:tapcast_tls:1m;",
    ])


def http_redirect(settings):
    """Plain HTTP: the root certificate for phones to install, every other path to HTTPS."""
    port = settings.tls_listen.rsplit(":", 1)[-1]
    target = "https://$host" + ("" if port == "443" else f":{port}") + "$request_uri"
    return "\n".join([
        "  server {",
        f"    listen {settings.listen};",
        ca_location(settings.ca_cert),
        "    location = /front-health { access_log off; return 200 \"ok\\n\"; }",
        f"    location / {{ return 301 {target}; }}",
        "  }",
    ])


def ca_location(ca_cert):
    if not ca_cert:
        return ""
    return (f"    location = /{CA_FILE_NAME} {{ alias {ca_cert}; "
            "default_type application/x-x509-ca-cert; }")


def from_environment(env):
    """FrontSettings from FRONT_* variables (README: "The front server")."""
    return FrontSettings(
        upstreams=env.get("FRONT_UPSTREAMS", "server:5000").split(","),
        run_dir=Path(env.get("FRONT_RUN_DIR", "/var/lib/nginx")),
        media_root=Path(env.get("FRONT_MEDIA_ROOT", "/data/media")),
        listen=env.get("FRONT_LISTEN", "80"),
        app_root=Path(env.get("FRONT_APP_ROOT", str(default_app_root()))),
        max_body_mb=int(env.get("MAX_UPLOAD_MB", "100")),
        media_decision_seconds=int(env.get("FRONT_MEDIA_DECISION_SECONDS", "10")),
        tls_listen=env.get("FRONT_TLS_LISTEN", ""),
        tls_cert=env.get("FRONT_TLS_CERT_FILE", ""),
        tls_key=env.get("FRONT_TLS_KEY_FILE", ""),
        ca_cert=env.get("FRONT_CA_CERT", ""),
        user=env.get("FRONT_USER", "www-data"),
        error_log=env.get("FRONT_ERROR_LOG", "stderr"),
        access_log=env.get("FRONT_ACCESS_LOG", "/dev/stdout"),
    )


def main(argv):
    if len(argv) != 1:
        sys.exit("usage: python -m deploy.nginx_conf OUT")
    Path(argv[0]).write_text(render(from_environment(os.environ)))


if __name__ == "__main__":
    main(sys.argv[1:])
