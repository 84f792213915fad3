"""Where a form or link may send a person back to: only paths on this site."""

from urllib.parse import urlsplit

from flask import url_for


def safe_next(target: str | None, fallback: str | None = None) -> str:
    """Return target if it is a path on this site, else fallback (or the home page).

    Browsers read a backslash as a slash and drop tabs and line breaks, so "/\\evil.example"
    and "/\\t/evil.example" would leave the site: any of those characters refuses target.
    """
    target = target or ""
    parts = urlsplit(target)
    on_site = (
        target.startswith("/")
        and not target.startswith("//")
        and not parts.scheme
        and not parts.netloc
        and "\\" not in target
        and target.isprintable()
    )
    return target if on_site else (fallback or url_for("home.index"))
