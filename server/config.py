"""Configuration, read from environment variables at app creation (never at import).

Every variable is listed in README.md ("Configuration").
"""

import os
from pathlib import Path

from server.library import folders

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET = "dev-secret-change-me"
DEFAULT_ORIGINS = (
    # HBuilder webviews and file:// pages send "null" or no Origin at all; a webview that lets
    # file:// pages reach each other (as the packaged app's do) sends "file://".
    "null,file://,http://127.0.0.1:5000,http://localhost:5000,http://127.0.0.1:8080,http://localhost:8080"
)


def default_app_dir():
    built = PROJECT_ROOT / "dist" / "app"
    return built if (built / "index.html").is_file() else PROJECT_ROOT / "mobile"


class ConfigError(RuntimeError):
    """The configuration is invalid or unsafe; the server refuses to start."""


def env_str(name, default):
    return os.environ.get(name, default)


def env_int(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"environment variable {name} must be an integer, got {raw!r}") from exc


def env_bool(name, default):
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    raw = os.environ.get(name, default)
    return [item.strip() for item in raw.split(",") if item.strip()]


class Config:
    """Base settings shared by every environment."""

    ENV_NAME = "base"
    TESTING = False

    def __init__(self):
        self.SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET)
        self.MONGO_URI = env_str("MONGO_URI", "mongodb://127.0.0.1:27017/?directConnection=true")
        self.MONGO_DB = env_str("MONGO_DB", "tapcast")
        # How long a request waits for the database before answering 503.
        self.MONGO_TIMEOUT_MS = env_int("MONGO_TIMEOUT_MS", 2000)
        # Concurrent database operations per process. FerretDB's SQLite pool holds 100
        # connections and serialises writers: past a few dozen, operations queue there
        # (up to its 10 s busy timeout) instead of here.
        self.MONGO_MAX_POOL_SIZE = env_int("MONGO_MAX_POOL_SIZE", 16)
        self.MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(PROJECT_ROOT / "var" / "media"))).resolve()
        self.MAX_CONTENT_LENGTH = env_int("MAX_UPLOAD_MB", 100) * 1024 * 1024
        # JSON bodies are parsed in memory, so they get a much smaller cap than uploads.
        self.MAX_JSON_BYTES = env_int("MAX_JSON_KB", 1024) * 1024
        self.CORS_ORIGINS = env_list("CORS_ORIGINS", DEFAULT_ORIGINS)
        self.TOKEN_TTL_DAYS = env_int("TOKEN_TTL_DAYS", 30)
        self.PER_PAGE_MAX = env_int("PER_PAGE_MAX", 100)
        # Failed sign-ins allowed per window before 429 (per account, per client address).
        self.LOGIN_MAX_FAILURES_PER_ACCOUNT = env_int("LOGIN_MAX_FAILURES_PER_ACCOUNT", 5)
        self.LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("LOGIN_MAX_FAILURES_PER_ADDRESS", 20)
        self.LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900)
        # A slower back-off per account, from addresses it never signed in from.
        self.LOGIN_ACCOUNT_BACKOFF_FAILURES = env_int("LOGIN_ACCOUNT_BACKOFF_FAILURES", 50)
        self.LOGIN_ACCOUNT_BACKOFF_WINDOW_SECONDS = env_int(
            "LOGIN_ACCOUNT_BACKOFF_WINDOW_SECONDS", 3600)
        # Pairing-code guesses allowed per account and per address and window before 429.
        self.PAIRING_GUESSES_PER_ACCOUNT = env_int("PAIRING_GUESSES_PER_ACCOUNT", 10)
        self.PAIRING_GUESSES_PER_ADDRESS = env_int("PAIRING_GUESSES_PER_ADDRESS", 20)
        self.PAIRING_GUESS_WINDOW_SECONDS = env_int("PAIRING_GUESS_WINDOW_SECONDS", 600)
        self.HOUSEHOLD_INVITE_HOURS = env_int("HOUSEHOLD_INVITE_HOURS", 48)
        # Unauthenticated creations allowed per client address and window before 429.
        self.REGISTRATIONS_PER_ADDRESS = env_int("REGISTRATIONS_PER_ADDRESS", 10)
        self.REGISTRATION_WINDOW_SECONDS = env_int("REGISTRATION_WINDOW_SECONDS", 3600)
        self.DEVICE_REGISTRATIONS_PER_ADDRESS = env_int("DEVICE_REGISTRATIONS_PER_ADDRESS", 30)
        self.DEVICE_REGISTRATION_WINDOW_SECONDS = env_int("DEVICE_REGISTRATION_WINDOW_SECONDS",
                                                          3600)
        self.AVATAR_MAX_MB = env_int("AVATAR_MAX_MB", 5)
        self.REDIS_URL = env_str("REDIS_URL", "")
        self.WS_HEARTBEAT_SECONDS = env_int("WS_HEARTBEAT_SECONDS", 20)
        # An address whose socket was closed for abuse (1008/1009) waits this long to open
        # another (server/realtime/penalties.py); 0 turns the cooldown off.
        self.WS_ABUSE_COOLDOWN_SECONDS = env_int("WS_ABUSE_COOLDOWN_SECONDS", 10)
        # Slow clients: headers must arrive in time, a body read may not stall, and one
        # address holds a bounded share of the descriptors (0: no cap, e.g. behind a proxy).
        self.HEADER_TIMEOUT_SECONDS = env_int("HEADER_TIMEOUT_SECONDS", 10)
        self.BODY_TIMEOUT_SECONDS = env_int("BODY_TIMEOUT_SECONDS", 30)
        # Behind trusted proxies every peer is a proxy: the front server caps addresses instead.
        self.MAX_CONNECTIONS_PER_ADDRESS = env_int(
            "MAX_CONNECTIONS_PER_ADDRESS", 0 if env_int("TRUSTED_PROXIES", 0) else 256)
        self.WS_SOCKETS_PER_TOKEN = env_int("WS_SOCKETS_PER_TOKEN", 10)
        # A receiver's live state reaches its owner at once; its device document keeps a copy
        # written at most this often (on FerretDB every update costs the collection's size).
        self.STATE_WRITE_SECONDS = env_int("STATE_WRITE_SECONDS", 30)
        self.LOG_LEVEL = env_str("LOG_LEVEL", "INFO")
        self.LOG_FORMAT = env_str("LOG_FORMAT", "json")
        # Extra routes used only by `make bench` (a bare JSON baseline); never in production.
        self.BENCH_ROUTES = env_bool("BENCH_ROUTES", False)
        # Voice and text messages between phones and receivers.
        self.VOICE_MAX_SECONDS = env_int("VOICE_MAX_SECONDS", 60)
        self.VOICE_MAX_MB = env_int("VOICE_MAX_MB", 10)
        self.MESSAGE_RATE_LIMIT = env_int("MESSAGE_RATE_LIMIT", 20)
        self.MESSAGE_RATE_WINDOW_SECONDS = env_int("MESSAGE_RATE_WINDOW_SECONDS", 60)
        # Front server (deploy/nginx): proxies to trust for X-Forwarded-*, media by X-Accel.
        self.TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
        self.MEDIA_ACCEL_REDIRECT = env_bool("MEDIA_ACCEL_REDIRECT", False)
        self.MEDIA_ACCEL_PREFIX = env_str("MEDIA_ACCEL_PREFIX", "/_media/")
        self.HTTPS = env_bool("HTTPS", False)
        self.METRICS_ENABLED = env_bool("METRICS_ENABLED", False)
        self.METRICS_TOKEN = env_str("METRICS_TOKEN", "")
        # The phone app served at /: the packaged build when `npm run build` made one.
        self.APP_DIR = Path(env_str("APP_DIR", "") or default_app_dir()).resolve()
        # How long a library request waits for the catalogue to load before answering 503.
        self.CATALOGUE_WAIT_SECONDS = env_int("CATALOGUE_WAIT_SECONDS", 3)
        # How old a catalogue's last check of library_state may be before a library read
        # checks again (a process's own writes and the broker's notices: at once).
        self.CATALOGUE_STALE_MS = env_int("CATALOGUE_STALE_MS", 500)
        # Music folders indexed in place (absolute paths separated by ':'); never written.
        self.MUSIC_FOLDERS = folders.parse(env_str("MUSIC_FOLDERS", ""))
        # auto: inotify, else a scan every MUSIC_RESCAN_SECONDS; poll: always that; off: at start
        self.MUSIC_WATCH = env_str("MUSIC_WATCH", "auto")
        self.MUSIC_RESCAN_SECONDS = env_int("MUSIC_RESCAN_SECONDS", 600)
        # ffmpeg children transcoding for Subsonic clients and the app's data saver, at once
        self.TRANSCODE_MAX_PROCESSES = env_int("TRANSCODE_MAX_PROCESSES", 2)
        self.TRANSCODE_WAIT_SECONDS = env_int("TRANSCODE_WAIT_SECONDS", 5)
        # House rules: how often a connected receiver's rules are checked (quiet time's start,
        # wake, bonus expiry); tests move time through a file holding an ISO instant.
        self.RULES_TICK_SECONDS = env_int("RULES_TICK_SECONDS", 5)
        self.FAKE_CLOCK_FILE = env_str("FAKE_CLOCK_FILE", "")

    def validate(self):
        """Raise ConfigError if this configuration is unsafe to run."""
        if self.LOG_FORMAT not in ("json", "text"):
            raise ConfigError(f"LOG_FORMAT must be json or text, got {self.LOG_FORMAT!r}")
        if self.METRICS_ENABLED and len(self.METRICS_TOKEN) < 16:
            raise ConfigError("METRICS_ENABLED needs METRICS_TOKEN (16 characters or more)")
        if self.MUSIC_WATCH not in ("auto", "poll", "off"):
            raise ConfigError(f"MUSIC_WATCH must be auto, poll or off, got {self.MUSIC_WATCH!r}")
        try:
            self.MUSIC_FOLDERS = folders.validate(self.MUSIC_FOLDERS, self.MEDIA_ROOT)
        except folders.FolderError as exc:
            raise ConfigError(str(exc)) from None


class DevConfig(Config):
    ENV_NAME = "development"


class TestConfig(Config):
    ENV_NAME = "testing"
    TESTING = True

    def __init__(self):
        super().__init__()
        # Suites, e2e runs and benchmarks sign up many users and receivers from 127.0.0.1;
        # tests of the limits themselves lower these.
        self.REGISTRATIONS_PER_ADDRESS = env_int("REGISTRATIONS_PER_ADDRESS", 1_000_000)
        self.DEVICE_REGISTRATIONS_PER_ADDRESS = env_int("DEVICE_REGISTRATIONS_PER_ADDRESS",
                                                        1_000_000)


class ProdConfig(Config):
    ENV_NAME = "production"

    def validate(self):
        super().validate()
        if self.SECRET_KEY == DEFAULT_SECRET or len(self.SECRET_KEY) < 16:
            raise ConfigError("SECRET_KEY must be set to a long random value in production")
        if self.BENCH_ROUTES:
            raise ConfigError("BENCH_ROUTES is for benchmarks only and refused in production")
        if self.FAKE_CLOCK_FILE:
            raise ConfigError("FAKE_CLOCK_FILE is for tests only and refused in production")


CONFIGS = {"development": DevConfig, "testing": TestConfig, "production": ProdConfig}


def load_config(overrides=None):
    """Build the config for TAPCAST_ENV and apply overrides (a dict, used by tests)."""
    name = os.environ.get("TAPCAST_ENV", "development")
    if name not in CONFIGS:
        raise ConfigError(f"TAPCAST_ENV must be one of {sorted(CONFIGS)}, got {name!r}")
    config = CONFIGS[name]()
    for key, value in (overrides or {}).items():
        setattr(config, key, value)
    config.validate()
    return config
