"""Counting failed attempts (sign-ins, second-factor codes) with `limits`.

Counts live in WIKI_RATELIMIT_STORAGE_URL: process memory by default, Redis when several
workers must share them. Only failures are counted, so a person who gets it right is
never slowed down.
"""

from flask import current_app
from limits import parse, storage, strategies


def _limiter() -> strategies.MovingWindowRateLimiter:
    ext = current_app.extensions
    if "wiki_limiter" not in ext:
        url = current_app.config["RATELIMIT_STORAGE_URL"]
        # Shared storage is shared by every host; process memory is this app's own.
        prefix = str(current_app.config["REDIS_KEY_PREFIX"])
        if url.startswith("memory"):
            prefix += f"-{id(current_app._get_current_object())}"
        ext["wiki_limiter"] = strategies.MovingWindowRateLimiter(
            storage.storage_from_string(url, key_prefix=prefix)
        )
    return ext["wiki_limiter"]


def allowed(limit: str, kind: str, key: str) -> bool:
    """Tell whether key has failures left under limit (e.g. "5/15 minutes") for kind."""
    return _limiter().test(parse(limit), kind, key)


def failed(limit: str, kind: str, key: str) -> None:
    """Count one failure of key for kind."""
    _limiter().hit(parse(limit), kind, key)
