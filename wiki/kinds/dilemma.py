"""Dilemma: a situation from practice where principles pull apart."""

from wiki.kinds.fields import Field, KindSpec

DILEMMA = KindSpec(
    name="dilemma",
    label="dilemma",
    plural="dilemma's",
    segment="dilemmas",
    description="Situaties uit de praktijk waarin principes botsen. Wat zou jij doen?",
    create_title="Deel een dilemma",
    fields=(
        Field("situation", "De situatie", "markdown", help="Wat gebeurde er?"),
        Field("tension", "De spanning", "markdown", help="Wat trekt aan je, en waarom?"),
        Field("question", "De vraag", "text"),
        Field(
            "principles",
            "Principes die hier spelen",
            "refs",
            ref_kind="principle",
            required=True,
        ),
        Field("methods", "Bespreek met de werkvorm", "refs", ref_kind="method"),
        Field("source", "Bron", "text", curated=True),
        Field("seeded_example", "Voorbeelddilemma", "bool", curated=True),
    ),
    starting_body="",
    listing_fields=("question", "principles"),
    curated_body=True,
)
