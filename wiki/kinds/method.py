"""Werkvorm: a workshop format for a conversation about Ambtelijk Vakmanschap."""

from enum import Enum

from wiki.kinds.fields import Field, KindSpec

LEVELS = (("beginner", "Beginners"), ("advanced", "Gevorderden"))
SETTINGS = (("physical", "Op locatie"), ("online", "Online"), ("hybrid", "Hybride"))

METHOD = KindSpec(
    name="method",
    label="werkvorm",
    plural="werkvormen",
    segment="werkvormen",
    description="Werkvormen om met collega's in gesprek te gaan: met doel, programma, "
    "tijdsduur, groepsgrootte en benodigdheden.",
    create_title="Nieuwe werkvorm",
    fields=(
        Field("tagline", "Centrale vraag", "text"),
        Field("purpose", "Waarom doe je deze werkvorm?", "markdown"),
        Field("audience", "Voor wie is deze werkvorm?", "markdown"),
        Field("facilitation", "Begeleiding", "markdown"),
        Field("preparation", "Voorbereiding", "markdown"),
        Field("programme", "Programma", "steps"),
        Field("variants", "Varianten", "variants"),
        Field("duration", "Tijdsduur (minuten)", "range", minimum=1, maximum=24 * 60),
        Field("duration_note", "Over de tijdsduur", "markdown"),
        Field("group_size", "Aantal deelnemers", "range", minimum=1, maximum=10_000),
        Field("group_size_note", "Over de groepsgrootte", "markdown"),
        Field("levels", "Niveau", "choices", options=LEVELS),
        Field("settings", "Setting", "choices", options=SETTINGS),
        Field("setting_note", "Setting en locatie", "markdown"),
        Field("materials", "Benodigdheden", "lines", item_label="benodigdheid"),
        Field("invitation", "Voorbeeld uitnodigingstekst", "markdown"),
        Field("principles", "Principes", "refs", ref_kind="principle"),
    ),
    starting_body="Beschrijf hier kort waar deze werkvorm over gaat.\n",
    listing_fields=("tagline", "duration", "group_size", "levels", "settings"),
)


class Fit(Enum):
    """How well a werkvorm fits a session: surely, perhaps (a figure is unknown), or not."""

    FITS = "past"
    MAYBE = "past mogelijk"
    NO = "past niet"


def fit(fields: dict, *, minutes=None, people=None, level=None, setting=None) -> Fit:
    """Tell how a werkvorm fits a session of minutes with people, level and setting.

    It fits in N minutes when its shortest duration is at most N; it suits N people when
    N lies within its group size (a missing bound is open). When the documents give no
    figure for what is asked (no shortest duration, no group size at all), it may fit:
    Fit.MAYBE, shown apart ("past mogelijk") instead of hidden. A known figure that does
    not fit, or a level or setting it does not list, is Fit.NO. The werkvormen overview,
    search and sessions all judge by this one rule.
    """
    if level and level not in (fields.get("levels") or []):
        return Fit.NO
    if setting and setting not in (fields.get("settings") or []):
        return Fit.NO
    unknown = False
    duration = fields.get("duration") or {}
    if minutes is not None:
        if duration.get("min") is None:
            unknown = True
        elif duration["min"] > minutes:
            return Fit.NO
    size = fields.get("group_size") or {}
    if people is not None:
        low, high = size.get("min"), size.get("max")
        if low is None and high is None:
            unknown = True
        elif (low is not None and people < low) or (high is not None and people > high):
            return Fit.NO
    return Fit.MAYBE if unknown else Fit.FITS


def matches(fields: dict, *, minutes=None, people=None, level=None, setting=None) -> bool:
    """Tell whether a werkvorm surely fits (see fit); an unknown figure does not match."""
    return fit(fields, minutes=minutes, people=people, level=level, setting=setting) is Fit.FITS
