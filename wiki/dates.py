"""Dates and times as Dutch readers read them, and as <time datetime> wants them.

One formatter for the whole wiki (Babel's Dutch locale data): "30 november 2026" and
"30 november 2026, 09:51", in Dutch time. Stored times are UTC. Imports nothing of ours,
so templates, services and permissions can all use it.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

LOCALE = "nl_NL"
# The wiki serves the Dutch central government: times are shown in Dutch time.
TIMEZONE = ZoneInfo("Europe/Amsterdam")


def _as_date_or_datetime(value: date | datetime | str) -> date | datetime:
    if isinstance(value, str):
        text = value.strip()
        return datetime.fromisoformat(text) if "T" in text else date.fromisoformat(text)
    return value


def dutch(value: date | datetime | str | None, *, time: bool = True) -> str:
    """Return value in Dutch: "30 november 2026, 09:51", or "30 november 2026".

    A date, or time=False, gives the day only. None gives "" (nothing to say).
    """
    if value is None or value == "":
        return ""
    value = _as_date_or_datetime(value)
    if not isinstance(value, datetime):
        return format_date(value, "d MMMM y", locale=LOCALE)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if not time:
        return format_date(value.astimezone(TIMEZONE).date(), "d MMMM y", locale=LOCALE)
    return format_datetime(value, "d MMMM y, HH:mm", tzinfo=TIMEZONE, locale=LOCALE)


def machine(value: date | datetime | str | None) -> str:
    """Return value for <time datetime="…">: ISO 8601 in whole seconds, with its offset."""
    if value is None or value == "":
        return ""
    value = _as_date_or_datetime(value)
    if not isinstance(value, datetime):
        return value.isoformat()
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.replace(microsecond=0).isoformat()
