"""Gidspagina: general guide text, such as the starter kit's four steps."""

from wiki.kinds.fields import Field, KindSpec

GUIDE = KindSpec(
    name="guide",
    label="gidspagina",
    plural="gidspagina's",
    segment="gids",
    description="Uitleg over Ambtelijk Vakmanschap en de startkit: in vier stappen naar een "
    "goed gesprek.",
    create_title="Nieuwe gidspagina",
    fields=(
        Field("order", "Volgorde in de inhoudsopgave", "int", minimum=0, maximum=10_000),
        Field("step", "Stap van de startkit", "int", minimum=1, maximum=4),
    ),
    listing_fields=("order", "step"),
)
