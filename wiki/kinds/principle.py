"""Principe: one of the seven principles of the Gids Ambtelijk Vakmanschap."""

from wiki.kinds.fields import Field, KindSpec

PRINCIPLE = KindSpec(
    name="principle",
    label="principe",
    plural="principes",
    segment="principes",
    description="De zeven principes uit de Gids Ambtelijk Vakmanschap, met hun waarden en "
    "voorbeelden van gedrag.",
    create_title="Nieuw principe",
    fields=(
        Field("number", "Nummer in de gids", "int", minimum=1, maximum=99),
        Field("values", "Waarden", "lines", item_label="waarde"),
        Field("behaviours", "Welk gedrag past hierbij?", "lines", item_label="voorbeeld"),
        Field(
            "leader_behaviours",
            "Specifiek voor leidinggevenden",
            "lines",
            item_label="voorbeeld",
        ),
    ),
    starting_body="Wat betekent dit principe in het dagelijks werk?\n",
    listing_fields=("number", "values"),
    search_fields=("values",),
)
