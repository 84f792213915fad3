"""Configuration: defaults here, then WIKI_* environment variables, then test_config.

Every setting is listed in the README's configuration table. Values are read once in
create_app and never changed while the app runs.
"""

import secrets
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
# A checkout reads the seed pages where people edit them; an installed wheel carries
# them as package data (setup.py maps seed/pages/ to wiki/seed_pages/).
IN_CHECKOUT = (PROJECT_ROOT / "seed" / "pages").is_dir()


class Config:
    """Defaults for the embedded setup: SQLite and an on-disk Whoosh index."""

    # Filled in by load_config from the instance folder when not set.
    DATABASE_URL: str | None = None
    SECRET_KEY: str | None = None
    # None: search_index/ in a checkout, else in the instance folder (see load_config).
    SEARCH_INDEX_DIR: str | None = str(PROJECT_ROOT / "search_index") if IN_CHECKOUT else None
    # Seconds a save waits for the index's write lock before leaving the work pending.
    SEARCH_WRITE_TIMEOUT = 10.0
    # Slug of the page whose lists of synonyms and word forms search uses.
    SEARCH_VOCABULARY_PAGE = "zoekwoordenlijst"
    # Seed files (markdown with front matter) loaded into an empty wiki.
    SEED_DIR = str(PROJECT_ROOT / "seed" / "pages" if IN_CHECKOUT else PACKAGE_DIR / "seed_pages")
    # Migrate and seed an empty database when the app starts.
    AUTO_SETUP = True
    # Largest request body accepted (bytes); larger ones get a Dutch 413 page.
    MAX_CONTENT_LENGTH = 1024 * 1024
    SITE_NAME = "AV-wiki"
    # Items per page on listings.
    PAGE_SIZE = 50
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    # Let WTForms translate its own messages (forms.DutchForm asks for Dutch).
    WTF_I18N_ENABLED = False
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    # Set WIKI_SESSION_COOKIE_SECURE=true behind TLS; the remember-me cookie follows it.
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = 60 * 60 * 24 * 30
    # May visitors who are not signed in read the wiki?
    ANONYMOUS_READ = True
    # Comma-separated e-mail domains that may register; empty: any domain.
    ALLOWED_EMAIL_DOMAINS = ""
    # May people register themselves (otherwise an admin creates accounts)?
    REGISTRATION_OPEN = True
    # New dilemmas and experiences by editors: "publish" (listed for review) or "hold".
    NEW_CONTRIBUTIONS = "publish"
    # Forwarded headers are trusted from this many proxies in front (0: none).
    PROXY_HOPS = 0
    # The Redis every host shares (sign-in limits; more later); None: nothing in Redis.
    REDIS_URL: str | None = None
    # Starts every key the wiki writes in Redis, so several wikis can share one Redis.
    REDIS_KEY_PREFIX = "avwiki"
    # Where failed sign-ins are counted; None: REDIS_URL, else this process's memory.
    RATELIMIT_STORAGE_URL: str | None = None
    SIGNIN_LIMIT_ACCOUNT = "5/15 minutes"
    SIGNIN_LIMIT_ADDRESS = "20/15 minutes"
    # Wrong second-factor codes (app or recovery codes) allowed per account.
    SECOND_FACTOR_LIMIT = "5/15 minutes"
    # "log" writes mails to the log; "smtp" sends them through SMTP_HOST:SMTP_PORT.
    MAILER = "log"
    SMTP_HOST = "localhost"
    SMTP_PORT = 25
    MAIL_FROM = "av-wiki@localhost"


def load_config(app, test_config: dict | None) -> None:
    """Fill app.config from defaults, the WIKI_* environment and test_config."""
    app.config.from_object(Config)
    app.config.from_prefixed_env("WIKI")
    if test_config:
        app.config.from_mapping(test_config)

    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("DATABASE_URL"):
        app.config["DATABASE_URL"] = f"sqlite:///{instance / 'wiki.sqlite'}"
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _persistent_secret(instance / "secret_key")
    if not app.config.get("SEARCH_INDEX_DIR"):
        app.config["SEARCH_INDEX_DIR"] = str(instance / "search_index")
    if not app.config.get("RATELIMIT_STORAGE_URL"):
        app.config["RATELIMIT_STORAGE_URL"] = app.config.get("REDIS_URL") or "memory://"
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_url(app.config["DATABASE_URL"])
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]


def _persistent_secret(path: Path) -> str:
    """Return the key stored at path, creating it (mode 600) on first use."""
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


def _normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain postgresql:// URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
