"""Werkvorm: a workshop format for a conversation about Ambtelijk Vakmanschap."""

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


def matches(fields: dict, *, minutes=None, people=None, level=None, setting=None) -> bool:
    """Tell whether a werkvorm fits a session of minutes with people, level and setting.

    It fits in N minutes when its shortest duration is at most N; it suits N people when N
    lies within its group size. A werkvorm whose documents give no figure does not match
    a filter on that figure: the wiki cannot promise what nobody wrote down.
    """
    duration = fields.get("duration") or {}
    size = fields.get("group_size") or {}
    if minutes is not None and (duration.get("min") is None or duration["min"] > minutes):
        return False
    if people is not None:
        low, high = size.get("min"), size.get("max")
        if low is None and high is None:
            return False
        if (low is not None and people < low) or (high is not None and people > high):
            return False
    if level and level not in (fields.get("levels") or []):
        return False
    return not (setting and setting not in (fields.get("settings") or []))
